package io.vigil.shared.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.shared.Page;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A list response: {@code {"value":[…],"nextLink":"…"}}. The next link is absolute and carries
 * every parameter of the current request, because Sentinel's SDK fetches it verbatim — each once,
 * so that a client that adds the api-version to every link it follows does not grow the link with
 * every page until the server refuses it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListBody<T>(List<T> value, String nextLink) {

  /** Builds the body for the current request; call only while handling one. */
  public static <T> ListBody<T> of(Page<T> page) {
    String next = null;
    if (page.skipToken() != null) {
      ServletUriComponentsBuilder link = ServletUriComponentsBuilder.fromCurrentRequest();
      MultiValueMap<String, String> current = link.build(true).getQueryParams();
      current.forEach(
          (name, values) -> {
            if (values.size() > 1) {
              link.replaceQueryParam(name, values.get(0));
            }
          });
      next = link.replaceQueryParam("$skipToken", page.skipToken()).build(true).toUriString();
    }
    return new ListBody<>(page.items(), next);
  }
}
