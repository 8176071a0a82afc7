package io.vigil.playbook.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * .NET numeric format strings for formatNumber(): the standard ones (C, D, E, F, G, N, P, R, X with
 * an optional precision) and custom patterns such as {@code 0,0.00} or {@code #.##}. Midpoints
 * round away from zero, as .NET does.
 */
final class DotNetNumberFormat {
  private static final Pattern STANDARD = Pattern.compile("([A-Za-z])(\\d{0,2})");

  private DotNetNumberFormat() {}

  /** Throws IllegalArgumentException for a format .NET would refuse. */
  static String format(JsonNode number, String format, String localeTag) {
    Locale locale = Locale.forLanguageTag(localeTag.replace('_', '-'));
    BigDecimal value = Values.decimal(number);
    boolean integral = Values.isInteger(number);
    Matcher standard = STANDARD.matcher(format);
    if (standard.matches()) {
      char specifier = standard.group(1).charAt(0);
      Integer precision = standard.group(2).isEmpty() ? null : Integer.parseInt(standard.group(2));
      return standard(value, integral, number, specifier, precision, locale);
    }
    return custom(value, format, locale);
  }

  private static String standard(
      BigDecimal value,
      boolean integral,
      JsonNode number,
      char specifier,
      Integer precision,
      Locale locale) {
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    switch (Character.toUpperCase(specifier)) {
      case 'C':
        {
          NumberFormat currency = NumberFormat.getCurrencyInstance(locale);
          int digits = precision == null ? 2 : precision;
          currency.setMinimumFractionDigits(digits);
          currency.setMaximumFractionDigits(digits);
          currency.setRoundingMode(RoundingMode.HALF_UP);
          return currency.format(value);
        }
      case 'D':
        {
          if (!integral) {
            throw new IllegalArgumentException("'D' is only for integers");
          }
          String digits = value.abs().toBigInteger().toString();
          int width = precision == null ? 0 : precision;
          String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
          return value.signum() < 0 ? symbols.getMinusSign() + padded : padded;
        }
      case 'E':
        {
          int digits = precision == null ? 6 : precision;
          DecimalFormat scientific = new DecimalFormat("0." + "0".repeat(digits) + "E000", symbols);
          if (digits == 0) {
            scientific = new DecimalFormat("0E000", symbols);
          }
          scientific.setRoundingMode(RoundingMode.HALF_UP);
          String text = scientific.format(value);
          // .NET always writes the exponent's sign: 1.234500E+003.
          text = text.replaceFirst("E(\\d)", "E+$1");
          return Character.isLowerCase(specifier) ? text.replace('E', 'e') : text;
        }
      case 'F':
        return fixed(value, precision == null ? 2 : precision, false, symbols);
      case 'N':
        return fixed(value, precision == null ? 2 : precision, true, symbols);
      case 'P':
        {
          NumberFormat percent = NumberFormat.getPercentInstance(locale);
          int digits = precision == null ? 2 : precision;
          percent.setMinimumFractionDigits(digits);
          percent.setMaximumFractionDigits(digits);
          percent.setRoundingMode(RoundingMode.HALF_UP);
          return percent.format(value);
        }
      case 'G':
        if (precision == null || precision == 0) {
          return integral ? value.toBigInteger().toString() : Values.text(number);
        }
        return value
            .round(new java.math.MathContext(precision, RoundingMode.HALF_UP))
            .stripTrailingZeros()
            .toPlainString();
      case 'R':
        return Values.text(number);
      case 'X':
        {
          if (!integral) {
            throw new IllegalArgumentException("'X' is only for integers");
          }
          String hex = Long.toHexString(value.longValueExact());
          hex = Character.isUpperCase(specifier) ? hex.toUpperCase(Locale.ROOT) : hex;
          int width = precision == null ? 0 : precision;
          return "0".repeat(Math.max(0, width - hex.length())) + hex;
        }
      default:
        throw new IllegalArgumentException("'" + specifier + "' is not a standard numeric format");
    }
  }

  private static String fixed(
      BigDecimal value, int digits, boolean grouping, DecimalFormatSymbols symbols) {
    DecimalFormat format =
        new DecimalFormat(
            (grouping ? "#,##0" : "0") + (digits > 0 ? "." + "0".repeat(digits) : ""), symbols);
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(value);
  }

  /**
   * A custom pattern: up to three ';'-separated sections for positive, negative and zero values.
   * The negative section, when given, writes the absolute value (its own text shows the sign), as
   * in .NET.
   */
  private static String custom(BigDecimal value, String format, Locale locale) {
    List<String> sections = sections(format);
    if (value.signum() < 0 && sections.size() > 1 && !sections.get(1).isEmpty()) {
      return custom(value.abs(), sections.get(1), format, locale);
    }
    if (value.signum() == 0 && sections.size() > 2 && !sections.get(2).isEmpty()) {
      return custom(value, sections.get(2), format, locale);
    }
    return custom(value, sections.get(0), format, locale);
  }

  /**
   * One section translated to DecimalFormat. The differences handled: in .NET a ',' between digit
   * placeholders switches on grouping by thousands wherever it stands, ',' right before the decimal
   * point (or the end) divides by 1000, and both quote characters delimit literal text.
   */
  private static String custom(BigDecimal value, String section, String format, Locale locale) {
    StringBuilder java = new StringBuilder();
    StringBuilder text = new StringBuilder(); // literal text not yet quoted into java
    StringBuilder literal = new StringBuilder();
    boolean placeholders = false;
    boolean grouping = false;
    boolean exponentSign = false;
    int scale = 0;
    for (int i = 0; i < section.length(); i++) {
      char c = section.charAt(i);
      if (c == '\'' || c == '"') {
        int end = section.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("a quoted text in the format is not closed");
        }
        text.append(section, i + 1, end);
        literal.append(section, i + 1, end);
        i = end;
      } else if (c == '\\' && i + 1 < section.length()) {
        text.append(section.charAt(++i));
        literal.append(section.charAt(i));
      } else if (c == ',') {
        if (hasDigitAfter(section, i)) {
          grouping = true;
        } else {
          scale++;
        }
      } else if ((c == 'E' || c == 'e') && isExponent(section, i)) {
        java.append(quote(text)).append('E');
        text.setLength(0);
        if (section.charAt(i + 1) == '+' || section.charAt(i + 1) == '-') {
          // DecimalFormat has no 'E+': the sign of a positive exponent is added afterwards.
          exponentSign = section.charAt(i + 1) == '+';
          i++;
        }
      } else if (c == '0' || c == '#' || c == '.' || c == '%' || c == '\u2030') {
        java.append(quote(text)).append(c);
        text.setLength(0);
        literal.append(c);
        placeholders |= c == '0' || c == '#';
      } else {
        text.append(c);
        literal.append(c);
      }
    }
    java.append(quote(text));
    if (!placeholders) {
      // A section of text alone, such as "zero", is written as it is.
      return literal.toString();
    }
    DecimalFormat decimal;
    try {
      decimal = new DecimalFormat(java.toString(), DecimalFormatSymbols.getInstance(locale));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + format + "' is not a valid numeric format");
    }
    decimal.setRoundingMode(RoundingMode.HALF_UP);
    if (grouping) {
      decimal.setGroupingUsed(true);
      decimal.setGroupingSize(3);
    }
    String result = decimal.format(value.movePointLeft(3 * scale));
    return exponentSign ? result.replaceFirst("E(?=\\d)", "E+") : result;
  }

  /** E0, E+0 or E-0: an exponent; any other E is text. */
  private static boolean isExponent(String section, int i) {
    int next = i + 1;
    if (next < section.length() && (section.charAt(next) == '+' || section.charAt(next) == '-')) {
      next++;
    }
    return next < section.length() && section.charAt(next) == '0';
  }

  /** Literal text in DecimalFormat's quoting, where a quote is written twice. */
  private static String quote(CharSequence text) {
    return text.length() == 0 ? "" : "'" + text.toString().replace("'", "''") + "'";
  }

  /** The ';'-separated sections, ignoring ';' inside quotes or after a backslash. */
  private static List<String> sections(String format) {
    List<String> sections = new ArrayList<>();
    int start = 0;
    char quote = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        i++;
      } else if (c == ';') {
        sections.add(format.substring(start, i));
        start = i + 1;
      }
    }
    sections.add(format.substring(start));
    return sections;
  }

  /** Whether a digit placeholder follows position {@code i} before the decimal point. */
  private static boolean hasDigitAfter(String pattern, int i) {
    for (int j = i + 1; j < pattern.length(); j++) {
      char c = pattern.charAt(j);
      if (c == '0' || c == '#') {
        return true;
      }
      if (c == '.' || c == ';') {
        return false;
      }
    }
    return false;
  }
}
