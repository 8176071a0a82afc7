package io.vigil.shared.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.shared.Page;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A list response: {@code {"value":[…],"nextLink":"…"}}. The next link is absolute and carries
 * every parameter of the current request, because Sentinel's SDK fetches it verbatim.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListBody<T>(List<T> value, String nextLink) {

  /** Builds the body for the current request; call only while handling one. */
  public static <T> ListBody<T> of(Page<T> page) {
    String next = null;
    if (page.skipToken() != null) {
      next =
          ServletUriComponentsBuilder.fromCurrentRequest()
              .replaceQueryParam("$skipToken", page.skipToken())
              .build(true)
              .toUriString();
    }
    return new ListBody<>(page.items(), next);
  }
}
