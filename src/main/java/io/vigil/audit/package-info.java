/**
 * The audit trail: every write — to incidents and what hangs off them, rules, playbooks,
 * connections, accounts, roles, tokens and workspaces — records who made it (and through which
 * token), from which address, on which resource, what changed, and when, in the transaction of the
 * write. Records are never changed; administrators query them.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.audit;
