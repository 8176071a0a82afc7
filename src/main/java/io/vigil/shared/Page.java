package io.vigil.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the token of the next page or null on the last one. */
public record Page<T>(List<T> items, String skipToken) {
  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), skipToken);
  }
}
