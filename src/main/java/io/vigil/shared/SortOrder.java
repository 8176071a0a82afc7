package io.vigil.shared;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The one sort key of a list's {@code $orderby} — a property path, optionally followed by {@code
 * asc} or {@code desc} — and the keyset {@link SkipToken}s made for it, which start with the order
 * they belong to.
 */
public record SortOrder<K extends Enum<K>>(K key, boolean descending) {

  /**
   * Reads {@code $orderby} against the keys a list sorts by, each named by {@code path}; absent,
   * the order is {@code otherwise}. Anything else is a 400 that lists the sortable paths.
   */
  public static <K extends Enum<K>> SortOrder<K> parse(
      String orderBy, Class<K> keys, Function<K, String> path, SortOrder<K> otherwise) {
    if (orderBy == null || orderBy.isBlank()) {
      return otherwise;
    }
    String[] parts = orderBy.trim().split("\\s+");
    if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("(?i)asc|desc"))) {
      throw ApiException.badRequest(
          "$orderby must be one property path, optionally followed by asc or desc.");
    }
    K key =
        Arrays.stream(keys.getEnumConstants())
            .filter(k -> path.apply(k).equalsIgnoreCase(parts[0]))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "$orderby cannot sort by '"
                            + parts[0]
                            + "'; the sortable properties are "
                            + Arrays.stream(keys.getEnumConstants()).map(path).toList()
                            + "."));
    return new SortOrder<>(key, parts.length == 2 && parts[1].equalsIgnoreCase("desc"));
  }

  /** {@code ASC} or {@code DESC}, with a leading space, for SQL. */
  public String sql() {
    return descending ? " DESC" : " ASC";
  }

  /** The token of the page that starts after a row with these sort values. */
  public String token(String... values) {
    String[] all = new String[values.length + 1];
    all[0] = tag();
    System.arraycopy(values, 0, all, 1, values.length);
    return SkipToken.encode(all);
  }

  /**
   * The {@code count} sort values of a token {@link #token} made for this order; 400 for a token
   * made for another order, or not made here at all.
   */
  public List<String> values(String skipToken, int count) {
    List<String> values = SkipToken.decode(skipToken, count + 1);
    if (!values.get(0).equals(tag())) {
      throw ApiException.badRequest(
          "The $skipToken belongs to a different $orderby; use the nextLink unchanged.");
    }
    return values.subList(1, values.size());
  }

  private String tag() {
    return key.name() + (descending ? "-" : "+");
  }
}
