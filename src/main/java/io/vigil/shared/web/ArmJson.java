package io.vigil.shared.web;

import io.vigil.shared.ApiException;
import io.vigil.shared.ClientInfo;
import io.vigil.shared.Etags;
import java.util.LinkedHashMap;
import java.util.Map;

/** Building blocks of ARM-shaped responses and of the common list query options. */
public final class ArmJson {
  /** The largest page a list returns, as in Sentinel. */
  public static final int MAX_TOP = 1000;

  /** The page size when a list request gives no {@code $top}. */
  public static final int DEFAULT_TOP = 100;

  private ArmJson() {}

  /** The envelope {@code {id, name, type, etag, properties}}. */
  public static Map<String, Object> resource(
      String id, String name, String type, String etag, Map<String, Object> properties) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("id", id);
    resource.put("name", name);
    resource.put("type", type);
    resource.put("etag", Etags.quoted(etag));
    resource.put("properties", properties);
    return resource;
  }

  /** Sentinel's ClientInfo, without the fields that are not known. */
  public static Map<String, Object> clientInfo(ClientInfo info) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (info != null) {
      put(map, "email", info.email());
      put(map, "name", info.name());
      put(map, "objectId", info.objectId());
      put(map, "userPrincipalName", info.userPrincipalName());
    }
    return map;
  }

  /** Puts a value unless it is null; enums go in by name. */
  public static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value instanceof Enum<?> e ? e.name() : value);
    }
  }

  /** Reads {@code $top}: 1 to {@link #MAX_TOP}, {@link #DEFAULT_TOP} when absent. */
  public static int top(String top) {
    if (top == null || top.isBlank()) {
      return DEFAULT_TOP;
    }
    try {
      int value = Integer.parseInt(top.trim());
      if (value >= 1 && value <= MAX_TOP) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "$top must be an integer from 1 to " + MAX_TOP + " (got '" + top + "').");
  }

  /** The etag a conditional write expects: {@code If-Match} if sent, else the body's. */
  public static String expectedEtag(String ifMatch, String bodyEtag) {
    return ifMatch != null && !ifMatch.isBlank() ? ifMatch : bodyEtag;
  }
}
