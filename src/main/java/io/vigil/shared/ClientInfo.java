package io.vigil.shared;

/**
 * Sentinel's {@code ClientInfo}: who created or changed something. For an automation rule {@code
 * name} is the rule's display name and {@code objectId} its id; for a playbook, its name and id.
 */
public record ClientInfo(String email, String name, String objectId, String userPrincipalName) {}
