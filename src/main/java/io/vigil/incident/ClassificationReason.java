package io.vigil.incident;

public enum ClassificationReason {
  SuspiciousActivity,
  SuspiciousButExpected,
  IncorrectAlertLogic,
  InaccurateData
}
