package io.vigil.analytics;

import java.util.List;

/** What a PUT of an analytics rule says. */
public record AnalyticsRuleInput(
    String kind,
    String displayName,
    String description,
    String severity,
    boolean enabled,
    List<String> tactics) {}
