package io.vigil.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors the servlet container raises outside Spring MVC (no handler, a failure in a
 * filter) in the API's error format instead of the default error page.
 */
@RestController
public class ApiErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ErrorBody> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String message =
        switch (status) {
          case NOT_FOUND -> "No resource exists at this path.";
          case UNAUTHORIZED -> "Authentication is required.";
          case FORBIDDEN -> "You are not allowed to do this.";
          default ->
              status.is5xxServerError()
                  ? "The server failed to process the request."
                  : status.getReasonPhrase();
        };
    String errorCode = pascalCase(status.name());
    return ResponseEntity.status(status).body(ErrorBody.of(errorCode, message));
  }

  /** {@code METHOD_NOT_ALLOWED} → {@code MethodNotAllowed}, as the API's other codes read. */
  private static String pascalCase(String name) {
    StringBuilder code = new StringBuilder();
    for (String word : name.split("_")) {
      code.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return code.toString();
  }
}
