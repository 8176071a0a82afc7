package io.vigil.shared.web;

import io.vigil.shared.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into the API's one error format. Unexpected failures are logged with their
 * stack trace and answered with a generic message: no stack trace or SQL reaches a client.
 */
@RestControllerAdvice
public class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ErrorBody> api(ApiException e) {
    return ResponseEntity.status(e.status())
        .body(ErrorBody.of(e.code(), e.getMessage(), e.details()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodySizeLimitFilter.TooLargeException tooLarge) {
        return respond(
            HttpStatus.CONTENT_TOO_LARGE, "RequestEntityTooLarge", tooLarge.getMessage());
      }
    }
    String detail = e.getMostSpecificCause().getMessage();
    if (detail != null) {
      // Jackson appends the source and a reference chain; the first line names the problem.
      detail = detail.lines().findFirst().orElse(detail);
      int at = detail.indexOf(" at [Source");
      if (at > 0) {
        detail = detail.substring(0, at);
      }
    }
    return respond(
        HttpStatus.BAD_REQUEST,
        "BadRequest",
        "The request body is not valid JSON" + (detail == null ? "." : ": " + detail));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "BadRequest",
        "The query parameter '" + e.getParameterName() + "' is required.");
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ErrorBody> missingHeader(MissingRequestHeaderException e) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "BadRequest",
        "The header '" + e.getHeaderName() + "' is required.");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e) {
    return respond(
        HttpStatus.BAD_REQUEST, "BadRequest", "The parameter '" + e.getName() + "' is not valid.");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
    return respond(
        HttpStatus.METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        "The method " + e.getMethod() + " is not supported on this resource.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
    return respond(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "UnsupportedMediaType",
        "Send the request body as application/json.");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ErrorBody> noResource(NoResourceFoundException e) {
    return respond(HttpStatus.NOT_FOUND, "NotFound", "No resource exists at this path.");
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ErrorBody> duplicate(DuplicateKeyException e) {
    return respond(
        HttpStatus.CONFLICT,
        "Conflict",
        "The resource was created or changed by a concurrent request; retry.");
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ErrorBody> denied(AccessDeniedException e) {
    return respond(
        HttpStatus.FORBIDDEN,
        "AuthorizationFailed",
        "You are not allowed to perform this operation.");
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ErrorBody> unauthenticated(AuthenticationException e) {
    return respond(HttpStatus.UNAUTHORIZED, "AuthenticationFailed", "Authentication is required.");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorBody> unexpected(Exception e) {
    log.error("Unexpected failure", e);
    return respond(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "InternalServerError",
        "The server failed to process the request.");
  }

  private static ResponseEntity<ErrorBody> respond(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).body(ErrorBody.of(code, message));
  }
}
