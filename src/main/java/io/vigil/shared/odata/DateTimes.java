package io.vigil.shared.odata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** Date-time parsing shared by the parser and the SQL translator. */
final class DateTimes {

  private DateTimes() {}

  /**
   * Parses an ISO-8601 date-time with offset, falling back to a local date-time or a date, both
   * taken as UTC. Fractional seconds may have up to nine digits, which covers the seven that .NET
   * clients send.
   */
  static Optional<OffsetDateTime> parse(String text) {
    String normalized = text.strip().toUpperCase(Locale.ROOT);
    try {
      return Optional.of(OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    } catch (DateTimeParseException notOffset) {
      // Fall through to the forms without an offset.
    }
    try {
      return Optional.of(LocalDateTime.parse(normalized).atOffset(ZoneOffset.UTC));
    } catch (DateTimeParseException notLocal) {
      // Fall through to a plain date.
    }
    try {
      return Optional.of(LocalDate.parse(normalized).atStartOfDay().atOffset(ZoneOffset.UTC));
    } catch (DateTimeParseException notDate) {
      return Optional.empty();
    }
  }

  /**
   * Converts to UTC and drops anything below a microsecond, the finest precision PostgreSQL and H2
   * store.
   */
  static OffsetDateTime toStoredPrecision(OffsetDateTime value) {
    return value.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** Whether the value has a part below a microsecond, which {@link #toStoredPrecision} drops. */
  static boolean hasSubMicroseconds(OffsetDateTime value) {
    return value.getNano() % 1_000 != 0;
  }
}
