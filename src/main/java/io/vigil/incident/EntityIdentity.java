package io.vigil.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Decides when two entities are the same, so that an incident lists each account, host or IP once
 * however many alerts bring it: same kind and same properties, ignoring letter case, key order,
 * {@code friendlyName} and {@code additionalData}.
 */
@Component
class EntityIdentity {

  String hash(EntityInput entity) {
    StringBuilder canonical = new StringBuilder(entity.kind().name()).append(':');
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> property : entity.properties().properties()) {
      if (!property.getKey().equals("friendlyName")
          && !property.getKey().equals("additionalData")) {
        sorted.put(property.getKey(), property.getValue());
      }
    }
    sorted.forEach(
        (key, value) -> canonical.append(key).append('=').append(canonical(value)).append(';'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(JsonNode value) {
    if (value.isString()) {
      return '"' + value.stringValue().toLowerCase(Locale.ROOT) + '"';
    }
    if (value.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      value.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      return sorted.toString();
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder("[");
      value.values().forEach(v -> out.append(canonical(v)).append(','));
      return out.append(']').toString();
    }
    return value.toString();
  }
}
