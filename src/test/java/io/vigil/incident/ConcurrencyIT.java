package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrencyIT extends ApiTest {

  @Test
  void concurrentCreatesGetDistinctSequentialNumbers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int n = i;
        futures.add(
            pool.submit(() -> api.put(ws + "/incidents/c" + n, incident("C" + n, "Low", "New"))));
      }
      List<Long> numbers = new ArrayList<>();
      for (Future<Api.Response> future : futures) {
        Api.Response response = future.get();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        numbers.add(response.json().path("properties").path("incidentNumber").asLong());
      }
      assertThat(numbers)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.rangeClosed(1, 24).mapToObj(i -> (long) i).toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentTaskWritesAllLand() throws Exception {
    createIncident("busy", "Busy");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () ->
                    api.put(
                        ws + "/incidents/busy/tasks/t" + n,
                        "{\"properties\":{\"title\":\"T" + n + "\",\"status\":\"New\"}}")));
      }
      for (Future<Api.Response> future : futures) {
        assertThat(future.get().status()).isEqualTo(201);
      }
      assertThat(api.get(ws + "/incidents/busy/tasks").json().path("value")).hasSize(24);
    } finally {
      pool.shutdownNow();
    }
  }
}
