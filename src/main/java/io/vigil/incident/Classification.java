package io.vigil.incident;

import java.util.Set;

/** Why an incident was closed, and which {@link ClassificationReason}s fit each classification. */
public enum Classification {
  Undetermined,
  TruePositive,
  BenignPositive,
  FalsePositive;

  public Set<ClassificationReason> reasons() {
    return switch (this) {
      case Undetermined -> Set.of();
      case TruePositive -> Set.of(ClassificationReason.SuspiciousActivity);
      case BenignPositive -> Set.of(ClassificationReason.SuspiciousButExpected);
      case FalsePositive ->
          Set.of(ClassificationReason.IncorrectAlertLogic, ClassificationReason.InaccurateData);
    };
  }
}
