package io.vigil.playbook.expression;

import java.text.DateFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;

/**
 * .NET date and time format strings, which Logic Apps' date functions take: the one-letter standard
 * formats ({@code o}, {@code s}, {@code u}, {@code d}, {@code D}, {@code g}, ...) and custom
 * patterns ({@code yyyy-MM-ddTHH:mm:ssZ}, {@code MM/dd/yyyy HH:mm}, {@code dddd, MMMM d}, ...).
 * Characters that are not specifiers (such as T and Z) are copied as they are. Standard formats use
 * the en-US patterns; a locale changes only month and day names and AM/PM.
 */
final class DotNetDateFormat {
  static final String ROUND_TRIP = "o";

  private static final Map<Character, String> STANDARD =
      Map.ofEntries(
          Map.entry('d', "M/d/yyyy"),
          Map.entry('D', "dddd, MMMM d, yyyy"),
          Map.entry('f', "dddd, MMMM d, yyyy h:mm tt"),
          Map.entry('F', "dddd, MMMM d, yyyy h:mm:ss tt"),
          Map.entry('g', "M/d/yyyy h:mm tt"),
          Map.entry('G', "M/d/yyyy h:mm:ss tt"),
          Map.entry('m', "MMMM d"),
          Map.entry('M', "MMMM d"),
          Map.entry('o', "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"),
          Map.entry('O', "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"),
          Map.entry('r', "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"),
          Map.entry('R', "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"),
          Map.entry('s', "yyyy'-'MM'-'dd'T'HH':'mm':'ss"),
          Map.entry('t', "h:mm tt"),
          Map.entry('T', "h:mm:ss tt"),
          Map.entry('u', "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"),
          Map.entry('U', "dddd, MMMM d, yyyy h:mm:ss tt"),
          Map.entry('y', "MMMM yyyy"),
          Map.entry('Y', "MMMM yyyy"));

  private DotNetDateFormat() {}

  /** Throws IllegalArgumentException for a format .NET would refuse. */
  static String format(Timestamp timestamp, String format, Locale locale) {
    String pattern = format == null || format.isEmpty() ? ROUND_TRIP : format;
    if (pattern.length() == 1) {
      String standard = STANDARD.get(pattern.charAt(0));
      if (standard == null) {
        throw new IllegalArgumentException(
            "'"
                + pattern
                + "' is not a standard date and time format; use '%"
                + pattern
                + "' for the single custom specifier");
      }
      pattern = standard;
    }
    return new Writer(timestamp, locale).write(pattern);
  }

  private static final class Writer {
    private final LocalDateTime time;
    private final boolean utc;
    private final Locale locale;
    private final StringBuilder out = new StringBuilder();

    Writer(Timestamp timestamp, Locale locale) {
      this.time = timestamp.time();
      this.utc = timestamp.utc();
      this.locale = locale;
    }

    String write(String pattern) {
      int i = 0;
      while (i < pattern.length()) {
        char c = pattern.charAt(i);
        if (c == '\'' || c == '"') {
          int end = pattern.indexOf(c, i + 1);
          if (end < 0) {
            throw new IllegalArgumentException(
                "the quoted text starting at " + i + " is not closed");
          }
          out.append(pattern, i + 1, end);
          i = end + 1;
        } else if (c == '\\') {
          if (i + 1 >= pattern.length()) {
            throw new IllegalArgumentException("the format ends with an escape character");
          }
          out.append(pattern.charAt(i + 1));
          i += 2;
        } else if (c == '%') {
          // '%d' is the custom specifier d alone; the '%' itself writes nothing.
          if (i + 1 >= pattern.length()) {
            throw new IllegalArgumentException("the format ends with '%'");
          }
          i++;
        } else {
          int run = 1;
          while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
            run++;
          }
          i += specifier(c, run) ? run : 1;
        }
      }
      return out.toString();
    }

    /** Writes the specifier {@code c} repeated {@code run} times; false if c is a literal. */
    private boolean specifier(char c, int run) {
      switch (c) {
        case 'y' -> {
          int year = time.getYear();
          out.append(run <= 2 ? pad(year % 100, run) : pad(year, run));
        }
        case 'M' ->
            out.append(
                run <= 2
                    ? pad(time.getMonthValue(), run)
                    : time.getMonth()
                        .getDisplayName(run == 3 ? TextStyle.SHORT : TextStyle.FULL, locale));
        case 'd' ->
            out.append(
                run <= 2
                    ? pad(time.getDayOfMonth(), run)
                    : time.getDayOfWeek()
                        .getDisplayName(run == 3 ? TextStyle.SHORT : TextStyle.FULL, locale));
        case 'h' ->
            out.append(pad(time.getHour() % 12 == 0 ? 12 : time.getHour() % 12, Math.min(run, 2)));
        case 'H' -> out.append(pad(time.getHour(), Math.min(run, 2)));
        case 'm' -> out.append(pad(time.getMinute(), Math.min(run, 2)));
        case 's' -> out.append(pad(time.getSecond(), Math.min(run, 2)));
        case 'f', 'F' -> fraction(c, run);
        case 't' -> {
          String meridiem =
              new DateFormatSymbols(locale).getAmPmStrings()[time.getHour() < 12 ? 0 : 1];
          out.append(run == 1 && !meridiem.isEmpty() ? meridiem.substring(0, 1) : meridiem);
        }
        case 'K' -> out.append(utc ? "Z" : "");
        case 'z' -> out.append(run == 1 ? "+0" : run == 2 ? "+00" : "+00:00");
        case 'g' -> out.append("A.D.");
        default -> {
          out.append(c);
          return false;
        }
      }
      return true;
    }

    /** f: that many digits of the 7-digit fraction; F: the same without trailing zeros. */
    private void fraction(char c, int run) {
      if (run > 7) {
        throw new IllegalArgumentException("at most seven '" + c + "' are allowed");
      }
      String digits = String.format("%07d", time.getNano() / 100).substring(0, run);
      if (c == 'F') {
        digits = digits.replaceAll("0+$", "");
        if (digits.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) == '.') {
          out.setLength(out.length() - 1);
        }
      }
      out.append(digits);
    }

    private static String pad(int value, int width) {
      String digits = Integer.toString(Math.abs(value));
      String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
      return value < 0 ? "-" + padded : padded;
    }
  }

  /** Reads {@code text} laid out by a .NET custom format, for parseDateTime. */
  static Timestamp parse(String text, String format, Locale locale) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
    boolean zoned = false;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c == '\'' || c == '"') {
        int end = format.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("the quoted text starting at " + i + " is not closed");
        }
        builder.appendLiteral(format.substring(i + 1, end));
        i = end + 1;
        continue;
      }
      if (c == '\\' && i + 1 < format.length()) {
        builder.appendLiteral(format.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '%') {
        i++;
        continue;
      }
      int run = 1;
      while (i + run < format.length() && format.charAt(i + run) == c) {
        run++;
      }
      String java =
          switch (c) {
            case 'y' -> run <= 2 ? "yy" : "uuuu";
            case 'M' -> "M".repeat(Math.min(run, 4));
            case 'd' -> run <= 2 ? "d".repeat(run) : run == 3 ? "EEE" : "EEEE";
            case 'h', 'H', 'm', 's' -> String.valueOf(c).repeat(Math.min(run, 2));
            case 'f', 'F' -> "S".repeat(Math.min(run, 7));
            case 't' -> "a";
            case 'K', 'z' -> "XXX";
            default -> null;
          };
      if (java == null) {
        builder.appendLiteral(String.valueOf(c).repeat(run));
      } else {
        zoned |= c == 'K' || c == 'z';
        builder.appendPattern(java);
      }
      i += run;
    }
    DateTimeFormatter formatter =
        builder
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
            .toFormatter(locale);
    try {
      TemporalAccessor parsed = formatter.parse(text.strip());
      LocalDate date = LocalDate.from(parsed);
      LocalTime time =
          parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
      LocalDateTime local = LocalDateTime.of(date, time);
      if (zoned && parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        int offset = parsed.get(ChronoField.OFFSET_SECONDS);
        return Timestamp.utc(local.minusSeconds(offset).toInstant(java.time.ZoneOffset.UTC));
      }
      return new Timestamp(local, false);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' does not match the format '" + format + "'");
    }
  }
}
