package io.vigil.shared.web;

import io.vigil.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Requires {@code ?api-version=} on every ARM-style call and accepts only the versions the
 * addressed resource provider speaks, as Azure Resource Manager does.
 */
public class ApiVersionInterceptor implements HandlerInterceptor {

  /** Versions of Microsoft.SecurityInsights that Vigil serves. */
  public static final List<String> SECURITY_INSIGHTS =
      List.of(
          "2022-09-01-preview",
          "2023-02-01",
          "2024-03-01",
          "2024-09-01",
          "2025-06-01",
          "2025-09-01");

  /**
   * Versions accepted on workspaces (Microsoft.OperationalInsights): that provider's own, and
   * Sentinel's, so that a script can use one api-version throughout.
   */
  public static final List<String> OPERATIONAL_INSIGHTS =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  "2020-08-01", "2021-06-01", "2022-10-01", "2023-09-01", "2025-02-01"),
              SECURITY_INSIGHTS.stream())
          .toList();

  /**
   * Versions accepted on playbooks (Microsoft.Logic) and connections (Microsoft.Web): those
   * providers' own, and Sentinel's, as for workspaces.
   */
  public static final List<String> LOGIC_AND_WEB =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("2016-06-01", "2018-07-01-preview", "2019-05-01"),
              SECURITY_INSIGHTS.stream())
          .toList();

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String path = request.getRequestURI().toLowerCase(Locale.ROOT);
    if (!path.startsWith("/subscriptions/")) {
      return true;
    }
    String version = request.getParameter("api-version");
    if (version == null || version.isBlank()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    List<String> accepted =
        path.contains("/providers/microsoft.securityinsights")
            ? SECURITY_INSIGHTS
            : path.contains("/providers/microsoft.logic/")
                    || path.contains("/providers/microsoft.web/")
                ? LOGIC_AND_WEB
                : OPERATIONAL_INSIGHTS;
    if (!Set.copyOf(accepted).contains(version)) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "InvalidApiVersionParameter",
          "The api-version '"
              + version
              + "' is invalid. The supported versions are '"
              + String.join(",", accepted)
              + "'.");
    }
    return true;
  }
}
