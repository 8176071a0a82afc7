/**
 * Notifications about tasks: an in-app list for each user of the tasks assigned to them and of
 * their tasks falling overdue, and outgoing webhooks an operator configures per workspace. Both are
 * written in the transaction of the change that causes them ({@code TaskNotifier} listens to
 * incident events), so that a notification exists exactly when its change does; webhooks are then
 * delivered from that outbox by {@code DeliveryWorker}, signed, retried, and logged.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.notification;
