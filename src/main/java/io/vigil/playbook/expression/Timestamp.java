package io.vigil.playbook.expression;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A .NET DateTime as Logic Apps handles it: a date and time to the 100-nanosecond tick, either UTC
 * (written with a {@code Z}) or unspecified (no zone, as convertFromUtc returns). A timestamp read
 * with an offset is converted to UTC.
 */
record Timestamp(LocalDateTime time, boolean utc) {
  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[Tt ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?"
              + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern NUMERIC_DATE =
      Pattern.compile(
          "(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})"
              + "(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?\\s*([AaPp][Mm])?)?"
              + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");

  /** Whole 100-nanosecond ticks, as .NET keeps them. */
  Timestamp {
    time = time.withNano(time.getNano() / 100 * 100);
  }

  static Timestamp utc(Instant instant) {
    return new Timestamp(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), true);
  }

  /** The instant, reading an unspecified time as UTC. */
  Instant instant() {
    return time.toInstant(ZoneOffset.UTC);
  }

  Timestamp with(LocalDateTime changed) {
    return new Timestamp(changed, utc);
  }

  /**
   * Reads ISO 8601 ({@code 2024-05-01T12:00:00.1234567Z}, with or without zone or time), numeric
   * dates with an optional time ({@code 03/15/2018 12:00:00}; month first unless {@code dayFirst})
   * and RFC 1123 ({@code Wed, 01 May 2024 12:00:00 GMT}).
   */
  static Timestamp parse(String text, boolean dayFirst) {
    String trimmed = text.strip();
    try {
      Matcher iso = ISO.matcher(trimmed);
      if (iso.matches()) {
        return build(
            iso.group(1),
            iso.group(2),
            iso.group(3),
            iso.group(4),
            iso.group(5),
            iso.group(6),
            iso.group(7),
            null,
            iso.group(8));
      }
      Matcher numeric = NUMERIC_DATE.matcher(trimmed);
      if (numeric.matches()) {
        String month = dayFirst ? numeric.group(2) : numeric.group(1);
        String day = dayFirst ? numeric.group(1) : numeric.group(2);
        return build(
            numeric.group(3),
            month,
            day,
            numeric.group(4),
            numeric.group(5),
            numeric.group(6),
            numeric.group(7),
            numeric.group(8),
            numeric.group(9));
      }
      return utc(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(trimmed)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid timestamp; use ISO 8601, e.g. 2024-05-01T12:00:00Z");
    }
  }

  private static Timestamp build(
      String year,
      String month,
      String day,
      String hour,
      String minute,
      String second,
      String fraction,
      String meridiem,
      String zone) {
    int h = hour == null ? 0 : Integer.parseInt(hour);
    if (meridiem != null) {
      if (h < 1 || h > 12) {
        throw new DateTimeParseException("hour out of range", hour, 0);
      }
      h = h % 12 + (meridiem.toUpperCase(Locale.ROOT).equals("PM") ? 12 : 0);
    }
    int nanos = 0;
    if (fraction != null) {
      String ticks = (fraction + "0000000").substring(0, 7);
      nanos = Integer.parseInt(ticks) * 100;
    }
    LocalDateTime time =
        LocalDateTime.of(
            Integer.parseInt(year),
            Integer.parseInt(month),
            Integer.parseInt(day),
            h,
            minute == null ? 0 : Integer.parseInt(minute),
            second == null ? 0 : Integer.parseInt(second),
            nanos);
    if (zone == null) {
      return new Timestamp(time, false);
    }
    if (zone.equalsIgnoreCase("Z")) {
      return new Timestamp(time, true);
    }
    String digits = zone.replace(":", "");
    int sign = digits.charAt(0) == '-' ? -1 : 1;
    int hours = Integer.parseInt(digits.substring(1, 3));
    int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
    ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    return utc(time.toInstant(offset));
  }
}
