package io.vigil.shared.odata;

/**
 * Thrown when a {@code $filter} expression cannot be parsed or cannot be applied to a {@link
 * FilterSchema}. The message is written for the API client: it says what is wrong and, for syntax
 * errors, where (1-based character position and the offending token).
 */
public class FilterException extends RuntimeException {

  /**
   * Creates an exception with a client-facing message.
   *
   * @param message what is wrong with the filter, suitable for returning to the caller
   */
  public FilterException(String message) {
    super(message);
  }
}
