package io.vigil.playbook.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
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
   * A custom pattern translated to DecimalFormat. The differences handled: in .NET a ',' between
   * digit placeholders switches on grouping by thousands wherever it stands, ',' right before the
   * decimal point divides by 1000, and both quote characters delimit literal text.
   */
  private static String custom(BigDecimal value, String format, Locale locale) {
    String positive = section(format);
    StringBuilder java = new StringBuilder();
    boolean grouping = false;
    int scale = 0;
    boolean inQuote = false;
    char quote = 0;
    for (int i = 0; i < positive.length(); i++) {
      char c = positive.charAt(i);
      if (inQuote) {
        if (c == quote) {
          inQuote = false;
          java.append('\'');
        } else {
          java.append(c == '\'' ? "''" : String.valueOf(c));
        }
      } else if (c == '\'' || c == '"') {
        inQuote = true;
        quote = c;
        java.append('\'');
      } else if (c == '\\' && i + 1 < positive.length()) {
        char next = positive.charAt(++i);
        java.append(next == '\'' ? "''" : "'" + next + "'");
      } else if (c == ',') {
        boolean beforePoint = !hasDigitAfter(positive, i);
        if (beforePoint) {
          scale++;
        } else {
          grouping = true;
        }
      } else if (c == '+'
          && i > 0
          && (positive.charAt(i - 1) == 'E' || positive.charAt(i - 1) == 'e')) {
        // DecimalFormat has no explicit exponent sign; the exponent is written unsigned.
        continue;
      } else if (c == 'e') {
        java.append('E');
      } else {
        java.append(c);
      }
    }
    if (inQuote) {
      throw new IllegalArgumentException("a quoted text in the format is not closed");
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
    BigDecimal scaled = value.movePointLeft(3 * scale);
    String text =
        decimal.format(value.signum() < 0 && !positive.equals(format) ? scaled.abs() : scaled);
    return text;
  }

  /** The first ';'-separated section; a second section (negative numbers) is not supported. */
  private static String section(String format) {
    boolean inQuote = false;
    char quote = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (inQuote) {
        inQuote = c != quote;
      } else if (c == '\'' || c == '"') {
        inQuote = true;
        quote = c;
      } else if (c == '\\') {
        i++;
      } else if (c == ';') {
        return format.substring(0, i);
      }
    }
    return format;
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
