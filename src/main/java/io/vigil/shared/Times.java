package io.vigil.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Date-times as the API speaks them: ISO-8601 with {@code Z} or an offset and up to seven
 * fractional digits in; UTC with {@code Z} out. Stored to the microsecond, the finest both
 * databases keep.
 */
public final class Times {
  private Times() {}

  public static OffsetDateTime parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .withOffsetSameInstant(ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z (got '"
              + text
              + "')");
    }
  }

  /** A query parameter's date-time, null when absent; a 400 naming the parameter otherwise. */
  public static OffsetDateTime parameter(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw JsonInput.invalid(name, e.getMessage());
    }
  }

  public static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  public static String format(OffsetDateTime time) {
    return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
  }
}
