package io.vigil.shared;

/**
 * The details of an authentication made with an API token: which token acted, for the audit trail.
 */
public record CallerToken(String tokenName) {}
