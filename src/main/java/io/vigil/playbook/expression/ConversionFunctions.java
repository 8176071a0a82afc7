package io.vigil.playbook.expression;

import static io.vigil.playbook.expression.Functions.MANY;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Type conversions and encodings. Binary values are Logic Apps' content envelope, {@code
 * {"$content-type": ..., "$content": <base64>}}.
 */
final class ConversionFunctions {
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DATA_URI =
      Pattern.compile("data:([^,]*?)(;base64)?,(.*)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final String OCTET_STREAM = "application/octet-stream";

  private ConversionFunctions() {}

  static void register(Functions.Registry r) {
    r.add("int", 1, 1, ConversionFunctions::toInteger);
    r.add("float", 1, 2, ConversionFunctions::toFloat);
    r.add("decimal", 1, 1, ConversionFunctions::toDecimal);
    r.add("bool", 1, 1, ConversionFunctions::toBool);
    r.add("string", 1, 1, a -> Values.string(a.text(0)));
    r.add("json", 1, 1, ConversionFunctions::json);
    r.add("array", 1, 1, a -> Values.FACTORY.arrayNode().add(a.get(0)));
    r.add("coalesce", 1, MANY, ConversionFunctions::coalesce);
    r.add("isInt", 1, 1, a -> Values.bool(parseInteger(a.text(0)) != null));
    r.add("isFloat", 1, 2, a -> Values.bool(FLOAT.matcher(a.text(0).strip()).matches()));
    r.add("base64", 1, 1, a -> Values.string(base64(a.get(0))));
    r.add("base64ToString", 1, 1, a -> Values.string(utf8(decodeBase64(a, a.text(0)))));
    r.add("decodeBase64", 1, 1, a -> Values.string(utf8(decodeBase64(a, a.text(0)))));
    r.add("base64ToBinary", 1, 1, a -> content(OCTET_STREAM, decodeBase64(a, a.text(0))));
    r.add("binary", 1, 1, a -> content(OCTET_STREAM, StringFunctions.utf8(a.text(0))));
    r.add("encodeUriComponent", 1, 1, a -> Values.string(encodeUri(a.text(0))));
    r.add("uriComponent", 1, 1, a -> Values.string(encodeUri(a.text(0))));
    r.add("decodeUriComponent", 1, 1, a -> Values.string(utf8(decodeUri(a.text(0)))));
    r.add("uriComponentToString", 1, 1, a -> Values.string(utf8(decodeUri(a.text(0)))));
    r.add("uriComponentToBinary", 1, 1, a -> content(OCTET_STREAM, decodeUri(a.text(0))));
    r.add("dataUri", 1, 1, ConversionFunctions::dataUri);
    r.add("dataUriToString", 1, 1, ConversionFunctions::dataUriToString);
    r.add("dataUriToBinary", 1, 1, ConversionFunctions::dataUriToBinary);
    r.add("decodeDataUri", 1, 1, ConversionFunctions::dataUriToBinary);
    r.add("xml", 1, 1, ConversionFunctions::unsupported);
    r.add("xpath", 2, 2, ConversionFunctions::unsupported);
  }

  private static JsonNode toInteger(Args a) {
    JsonNode value = a.get(0);
    if (value.isNumber()) {
      return Values.number(a.integer(0));
    }
    if (value.isBoolean()) {
      return Values.number(value.booleanValue() ? 1 : 0);
    }
    if (value.isString()) {
      Long parsed = parseInteger(value.stringValue());
      if (parsed != null) {
        return Values.number(parsed);
      }
      throw a.fail(
          "was invoked with a parameter that is not valid. The value '"
              + value.stringValue()
              + "' cannot be converted to the target type 'Integer'.");
    }
    throw a.wrongType(0, "a string, a number or a boolean");
  }

  private static Long parseInteger(String text) {
    String trimmed = text.strip();
    if (!INTEGER.matcher(trimmed).matches()) {
      return null;
    }
    try {
      return Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The optional second parameter (a locale) is accepted; numbers are read invariantly. */
  private static JsonNode toFloat(Args a) {
    JsonNode value = a.get(0);
    if (value.isNumber()) {
      return Values.number(value.doubleValue());
    }
    if (value.isString() && FLOAT.matcher(value.stringValue().strip()).matches()) {
      return Values.number(Double.parseDouble(value.stringValue().strip()));
    }
    if (value.isString()) {
      throw a.fail(
          "was invoked with a parameter that is not valid. The value '"
              + value.stringValue()
              + "' cannot be converted to the target type 'Float'.");
    }
    throw a.wrongType(0, "a string or a number");
  }

  private static JsonNode toDecimal(Args a) {
    JsonNode value = a.get(0);
    if (value.isNumber()) {
      return Values.number(Values.decimal(value));
    }
    if (value.isString() && FLOAT.matcher(value.stringValue().strip()).matches()) {
      return Values.number(new BigDecimal(value.stringValue().strip()));
    }
    if (value.isString()) {
      throw a.fail(
          "was invoked with a parameter that is not valid. The value '"
              + value.stringValue()
              + "' cannot be converted to the target type 'Decimal'.");
    }
    throw a.wrongType(0, "a string or a number");
  }

  /** Numbers are true unless 0; strings must be 'true' or 'false' in any letter case. */
  private static JsonNode toBool(Args a) {
    JsonNode value = a.get(0);
    if (value.isBoolean()) {
      return value;
    }
    if (value.isNumber()) {
      return Values.bool(Values.decimal(value).signum() != 0);
    }
    if (value.isString()) {
      String text = value.stringValue().strip().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Values.bool(text.equals("true"));
      }
      throw a.fail(
          "was invoked with a parameter that is not valid. The value '"
              + value.stringValue()
              + "' cannot be converted to the target type 'Boolean'.");
    }
    throw a.wrongType(0, "a boolean, a number or a string");
  }

  /** Parses a JSON string; a value that is already JSON passes through, null gives {}. */
  private static JsonNode json(Args a) {
    JsonNode value = a.get(0);
    if (Values.isNull(value)) {
      return Values.FACTORY.objectNode();
    }
    if (!value.isString()) {
      return value;
    }
    try {
      JsonNode parsed = JsonMapper.shared().readTree(value.stringValue());
      if (parsed == null || parsed.isMissingNode()) {
        throw a.fail("parameter is not valid: an empty string is not JSON.");
      }
      return parsed;
    } catch (JacksonException e) {
      throw a.fail(
          "parameter is not valid. The provided value cannot be parsed as JSON: "
              + e.getOriginalMessage());
    }
  }

  private static JsonNode coalesce(Args a) {
    for (int i = 0; i < a.size(); i++) {
      if (!Values.isNull(a.get(i))) {
        return a.get(i);
      }
    }
    return Values.NULL;
  }

  /** A binary envelope gives its content as is; anything else is encoded as UTF-8 text. */
  private static String base64(JsonNode value) {
    if (isContent(value)) {
      return value.get("$content").stringValue();
    }
    return Base64.getEncoder().encodeToString(StringFunctions.utf8(Values.text(value)));
  }

  /** Lenient like .NET: whitespace is ignored and missing padding is tolerated. */
  private static byte[] decodeBase64(Args a, String text) {
    JsonNode value = a.get(0);
    String encoded = isContent(value) ? value.get("$content").stringValue() : text;
    String compact = encoded.replaceAll("\\s", "");
    try {
      if (compact.contains("-") || compact.contains("_")) {
        return Base64.getUrlDecoder().decode(compact);
      }
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw a.fail("was invoked with a parameter that is not valid base64: " + e.getMessage());
    }
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static boolean isContent(JsonNode value) {
    return value.isObject() && value.path("$content").isString();
  }

  private static JsonNode content(String type, byte[] bytes) {
    ObjectNode envelope = Values.FACTORY.objectNode();
    envelope.put("$content-type", type);
    envelope.put("$content", Base64.getEncoder().encodeToString(bytes));
    return envelope;
  }

  /** Like .NET's Uri.EscapeDataString: only A-Z a-z 0-9 - . _ ~ stay as they are. */
  static String encodeUri(String text) {
    StringBuilder result = new StringBuilder();
    for (byte b : StringFunctions.utf8(text)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        result.append((char) c);
      } else {
        result
            .append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return result.toString();
  }

  /** Decodes %XX sequences; a '+' stays a '+' and a malformed escape is kept as written. */
  static byte[] decodeUri(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%'
          && i + 2 < text.length()
          && hex(text.charAt(i + 1)) >= 0
          && hex(text.charAt(i + 2)) >= 0) {
        bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
      } else {
        int end = i + Character.charCount(text.codePointAt(i));
        bytes.writeBytes(StringFunctions.utf8(text.substring(i, end)));
        i = end;
      }
    }
    return bytes.toByteArray();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static JsonNode dataUri(Args a) {
    JsonNode value = a.get(0);
    if (isContent(value)) {
      return Values.string(
          "data:"
              + value.path("$content-type").asString(OCTET_STREAM)
              + ";base64,"
              + value.get("$content").stringValue());
    }
    return Values.string("data:text/plain;charset=utf-8;base64," + base64(value));
  }

  private record DataUri(String mediaType, byte[] bytes) {}

  private static DataUri parseDataUri(Args a) {
    Matcher matcher = DATA_URI.matcher(a.string(0).strip());
    if (!matcher.matches()) {
      throw a.fail(
          "expects its parameter to be a data URI such as"
              + " 'data:text/plain;charset=utf-8;base64,aGVsbG8='.");
    }
    String data = matcher.group(3);
    byte[] bytes;
    if (matcher.group(2) != null) {
      try {
        bytes = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw a.fail("was invoked with a data URI whose content is not valid base64.");
      }
    } else {
      bytes = decodeUri(data);
    }
    return new DataUri(matcher.group(1), bytes);
  }

  private static JsonNode dataUriToString(Args a) {
    DataUri uri = parseDataUri(a);
    Charset charset = StandardCharsets.UTF_8;
    Matcher declared =
        Pattern.compile("charset=([^;]+)", Pattern.CASE_INSENSITIVE).matcher(uri.mediaType());
    if (declared.find()) {
      try {
        charset = Charset.forName(declared.group(1).strip());
      } catch (IllegalArgumentException e) {
        // An unknown charset is read as UTF-8, the common case.
      }
    }
    return Values.string(new String(uri.bytes(), charset));
  }

  private static JsonNode dataUriToBinary(Args a) {
    DataUri uri = parseDataUri(a);
    String type = uri.mediaType().isEmpty() ? OCTET_STREAM : uri.mediaType().split(";")[0];
    return content(type, uri.bytes());
  }

  private static JsonNode unsupported(Args a) {
    throw a.fail("is not supported by Vigil: XML values are not available in expressions.");
  }
}
