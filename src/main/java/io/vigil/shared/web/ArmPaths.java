package io.vigil.shared.web;

/**
 * The Azure Resource Manager path scheme every resource lives under. Controllers map these
 * templates; segments match case-insensitively (see {@link WebConfiguration}).
 */
public final class ArmPaths {
  private ArmPaths() {}

  public static final String WORKSPACE =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
          + "/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}";

  public static final String SECURITY_INSIGHTS =
      WORKSPACE + "/providers/Microsoft.SecurityInsights";
}
