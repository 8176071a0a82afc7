package io.vigil.incident;

/** MITRE ATT&CK tactics as Sentinel names them. */
public enum Tactic {
  Reconnaissance,
  ResourceDevelopment,
  InitialAccess,
  Execution,
  Persistence,
  PrivilegeEscalation,
  DefenseEvasion,
  CredentialAccess,
  Discovery,
  LateralMovement,
  Collection,
  Exfiltration,
  CommandAndControl,
  Impact,
  PreAttack,
  ImpairProcessControl,
  InhibitResponseFunction
}
