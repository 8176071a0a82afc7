package io.vigil.incident;

/** Who an incident is assigned to; {@link #UNASSIGNED} when nobody. */
public record Owner(
    String objectId,
    String email,
    String assignedTo,
    String userPrincipalName,
    OwnerType ownerType) {
  public static final Owner UNASSIGNED = new Owner(null, null, null, null, OwnerType.Unknown);

  public boolean isAssigned() {
    return objectId != null || email != null || assignedTo != null || userPrincipalName != null;
  }
}
