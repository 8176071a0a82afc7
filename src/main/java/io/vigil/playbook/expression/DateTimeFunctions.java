package io.vigil.playbook.expression;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Date and time functions over ISO 8601 strings. Results are written with .NET's round-trip format
 * by default ({@code 2024-01-01T00:00:00.0000000Z}), or with the optional format argument. The
 * clock is the context's, so runs and tests can fix the time.
 */
final class DateTimeFunctions {
  private static final long TICKS_PER_SECOND = 10_000_000L;

  /** Seconds from 0001-01-01T00:00:00Z (where .NET ticks start) to the Unix epoch. */
  private static final long DOTNET_EPOCH_SECONDS = 62_135_596_800L;

  private DateTimeFunctions() {}

  static void register(Functions.Registry r) {
    r.add("utcNow", 0, 1, a -> format(a, now(a), 0));
    r.add("addDays", 2, 3, a -> add(a, ChronoUnit.DAYS));
    r.add("addHours", 2, 3, a -> add(a, ChronoUnit.HOURS));
    r.add("addMinutes", 2, 3, a -> add(a, ChronoUnit.MINUTES));
    r.add("addSeconds", 2, 3, a -> add(a, ChronoUnit.SECONDS));
    r.add("addToTime", 3, 4, a -> format(a, shift(a, timestamp(a, 0), 1, 1), 3));
    r.add("subtractFromTime", 3, 4, a -> format(a, shift(a, timestamp(a, 0), 1, -1), 3));
    r.add("getFutureTime", 2, 3, a -> format(a, shift(a, now(a), 0, 1), 2));
    r.add("getPastTime", 2, 3, a -> format(a, shift(a, now(a), 0, -1), 2));
    r.add("formatDateTime", 1, 3, a -> format(a, timestamp(a, 0), 1));
    r.add("parseDateTime", 1, 3, DateTimeFunctions::parseDateTime);
    r.add("startOfDay", 1, 2, a -> truncate(a, ChronoUnit.DAYS));
    r.add("startOfHour", 1, 2, a -> truncate(a, ChronoUnit.HOURS));
    r.add("startOfMonth", 1, 2, a -> truncate(a, ChronoUnit.MONTHS));
    r.add(
        "dayOfWeek",
        1,
        1,
        a -> Values.number(timestamp(a, 0).time().getDayOfWeek().getValue() % 7));
    r.add("dayOfMonth", 1, 1, a -> Values.number(timestamp(a, 0).time().getDayOfMonth()));
    r.add("dayOfYear", 1, 1, a -> Values.number(timestamp(a, 0).time().getDayOfYear()));
    r.add("ticks", 1, 1, DateTimeFunctions::ticks);
    r.add("dateDifference", 2, 2, DateTimeFunctions::dateDifference);
    r.add("convertFromUtc", 2, 3, DateTimeFunctions::convertFromUtc);
    r.add("convertToUtc", 2, 3, DateTimeFunctions::convertToUtc);
    r.add("convertTimeZone", 3, 4, DateTimeFunctions::convertTimeZone);
  }

  private static Timestamp now(Args a) {
    return Timestamp.utc(a.context().clock().instant());
  }

  private static Timestamp timestamp(Args a, int index) {
    try {
      return Timestamp.parse(a.string(index), false);
    } catch (IllegalArgumentException e) {
      throw a.fail(
          "expects its " + a.parameter(index) + " to be a timestamp: " + e.getMessage() + ".");
    }
  }

  /** Writes {@code timestamp} with the format argument at {@code formatIndex}, if given. */
  private static JsonNode format(Args a, Timestamp timestamp, int formatIndex) {
    String format = a.optionalString(formatIndex, DotNetDateFormat.ROUND_TRIP);
    String locale = a.optionalString(formatIndex + 1, "en-US");
    try {
      return Values.string(DotNetDateFormat.format(timestamp, format, locale(locale)));
    } catch (IllegalArgumentException e) {
      throw a.fail(
          "was given the format '" + format + "', which is not valid: " + e.getMessage() + ".");
    }
  }

  private static Locale locale(String tag) {
    return Locale.forLanguageTag(tag.replace('_', '-'));
  }

  /** addDays and friends: whole units, or a fraction of one (addHours(t, 1.5)). */
  private static JsonNode add(Args a, ChronoUnit unit) {
    Timestamp timestamp = timestamp(a, 0);
    JsonNode amount = a.number(1);
    LocalDateTime time = timestamp.time();
    LocalDateTime shifted;
    if (Values.isInteger(amount)) {
      shifted = time.plus(amount.longValue(), unit);
    } else {
      double nanos = amount.doubleValue() * unit.getDuration().toNanos();
      shifted = time.plusNanos(Math.round(nanos));
    }
    return format(a, timestamp.with(shifted), 2);
  }

  /** addToTime, subtractFromTime, getFutureTime, getPastTime: interval then unit name. */
  private static Timestamp shift(Args a, Timestamp timestamp, int first, int sign) {
    long interval = a.integer(first) * sign;
    String unitName = a.string(first + 1);
    ChronoUnit unit =
        switch (unitName.toLowerCase(Locale.ROOT).replaceAll("s$", "")) {
          case "second" -> ChronoUnit.SECONDS;
          case "minute" -> ChronoUnit.MINUTES;
          case "hour" -> ChronoUnit.HOURS;
          case "day" -> ChronoUnit.DAYS;
          case "week" -> ChronoUnit.WEEKS;
          case "month" -> ChronoUnit.MONTHS;
          case "year" -> ChronoUnit.YEARS;
          default ->
              throw a.fail(
                  "expects its "
                      + a.parameter(first + 1)
                      + " to be one of 'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year'."
                      + " The provided value is '"
                      + unitName
                      + "'.");
        };
    return timestamp.with(timestamp.time().plus(interval, unit));
  }

  private static JsonNode truncate(Args a, ChronoUnit unit) {
    Timestamp timestamp = timestamp(a, 0);
    LocalDateTime time =
        unit == ChronoUnit.MONTHS
            ? timestamp.time().truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
            : timestamp.time().truncatedTo(unit);
    return format(a, timestamp.with(time), 1);
  }

  /** 100-nanosecond intervals since 0001-01-01, like .NET's DateTime.Ticks. */
  private static JsonNode ticks(Args a) {
    Instant instant = timestamp(a, 0).instant();
    long seconds = instant.getEpochSecond() + DOTNET_EPOCH_SECONDS;
    return Values.number(seconds * TICKS_PER_SECOND + instant.getNano() / 100);
  }

  /** The time from start to end as a .NET TimeSpan string: [-][d.]hh:mm:ss[.fffffff]. */
  private static JsonNode dateDifference(Args a) {
    Duration difference = Duration.between(timestamp(a, 0).instant(), timestamp(a, 1).instant());
    boolean negative = difference.isNegative();
    Duration size = difference.abs();
    StringBuilder text = new StringBuilder(negative ? "-" : "");
    if (size.toDays() > 0) {
      text.append(size.toDays()).append('.');
    }
    text.append(
        String.format(
            "%02d:%02d:%02d", size.toHoursPart(), size.toMinutesPart(), size.toSecondsPart()));
    if (size.toNanosPart() >= 100) {
      text.append('.').append(String.format("%07d", size.toNanosPart() / 100));
    }
    return Values.string(text.toString());
  }

  /** parseDateTime(text, locale?, format?): day-first numeric dates outside en-US. */
  private static JsonNode parseDateTime(Args a) {
    String text = a.string(0);
    String localeTag = a.optionalString(1, "en-US");
    String format = a.optionalString(2, null);
    Locale locale = locale(localeTag);
    try {
      Timestamp timestamp =
          format == null
              ? Timestamp.parse(text, !locale.getCountry().equalsIgnoreCase("US"))
              : DotNetDateFormat.parse(text, format, locale);
      return Values.string(DotNetDateFormat.format(timestamp, DotNetDateFormat.ROUND_TRIP, locale));
    } catch (IllegalArgumentException e) {
      throw a.fail("cannot parse the timestamp: " + e.getMessage() + ".");
    }
  }

  private static ZoneId zone(Args a, int index) {
    try {
      return WindowsTimeZones.resolve(a.string(index));
    } catch (IllegalArgumentException e) {
      throw a.fail(
          "expects its "
              + a.parameter(index)
              + " to be a time zone name such as"
              + " 'Pacific Standard Time': "
              + e.getMessage()
              + ".");
    }
  }

  /** The wall-clock time in {@code zone}, without a zone marker unless the zone is UTC. */
  private static Timestamp inZone(Instant instant, ZoneId zone) {
    return new Timestamp(LocalDateTime.ofInstant(instant, zone), WindowsTimeZones.isUtc(zone));
  }

  /** The instant of a timestamp whose wall-clock time is in {@code zone} (unless it is UTC). */
  private static Instant fromZone(Timestamp timestamp, ZoneId zone) {
    return timestamp.utc() ? timestamp.instant() : timestamp.time().atZone(zone).toInstant();
  }

  private static JsonNode convertFromUtc(Args a) {
    Timestamp timestamp = timestamp(a, 0);
    return format(a, inZone(timestamp.instant(), zone(a, 1)), 2);
  }

  private static JsonNode convertToUtc(Args a) {
    Timestamp timestamp = timestamp(a, 0);
    return format(a, Timestamp.utc(fromZone(timestamp, zone(a, 1))), 2);
  }

  private static JsonNode convertTimeZone(Args a) {
    Timestamp timestamp = timestamp(a, 0);
    Instant instant = fromZone(timestamp, zone(a, 1));
    return format(a, inZone(instant, zone(a, 2)), 3);
  }
}
