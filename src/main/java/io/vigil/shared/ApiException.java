package io.vigil.shared;

import org.springframework.http.HttpStatus;

/**
 * A failure the API reports to its caller as {@code {"error":{"code","message"}}} with the given
 * status. Thrown anywhere below a controller; the transaction it crosses rolls back.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String code;

  public ApiException(HttpStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "BadRequest", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "NotFound", message);
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(HttpStatus.CONFLICT, code, message);
  }

  public static ApiException preconditionFailed(String message) {
    return new ApiException(HttpStatus.PRECONDITION_FAILED, "PreconditionFailed", message);
  }
}
