package io.vigil.shared;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure the API reports to its caller as {@code {"error":{"code","message"}}} with the given
 * status. Thrown anywhere below a controller; the transaction it crosses rolls back. A failure made
 * of several problems also lists each one in {@code details}, as ARM errors do.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final List<Detail> details;

  /**
   * One problem of several, as ARM's error details: {@code target} names what it concerns (a field,
   * a task) when there is such a thing, else null.
   */
  public record Detail(String code, String target, String message) {}

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, List.of());
  }

  public ApiException(HttpStatus status, String code, String message, List<String> details) {
    this(details.stream().map(d -> new Detail(code, null, d)).toList(), status, code, message);
  }

  private ApiException(List<Detail> details, HttpStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  /** A failure with details that each name their target. */
  public static ApiException withDetails(
      HttpStatus status, String code, String message, List<Detail> details) {
    return new ApiException(details, status, code, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Each problem on its own, when the message joins several; empty otherwise. */
  public List<Detail> details() {
    return details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "BadRequest", message);
  }

  /** A 400 whose message is {@code summary} followed by every problem, each also in details. */
  public static ApiException badRequest(String summary, List<String> problems) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "BadRequest", summary + String.join("; ", problems), problems);
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
