package io.vigil.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Run retention: finished runs go once they are older than {@code vigil.playbooks.run-retention}; a
 * run still going is kept however old it is.
 */
@DirtiesContext
@TestPropertySource(
    properties = {
      "vigil.playbooks.run-retention=PT2S",
      "vigil.playbooks.run-cleanup-interval=PT1S"
    })
class PlaybookRetentionIT extends ApiTest {

  private String start(String name, String actions) {
    return Playbooks.startManual(api, resourceGroup, name, actions);
  }

  @Test
  void finishedRunsAreDeletedAfterTheRetentionAndRunningOnesKept() {
    String quick =
        start("Quick", "\"Note\":{\"type\":\"Compose\",\"runAfter\":{},\"inputs\":\"done\"}");
    String slow =
        start(
            "Slow",
            "\"Pause\":{\"type\":\"Wait\",\"runAfter\":{},"
                + "\"inputs\":{\"interval\":{\"count\":1,\"unit\":\"Minute\"}}}");
    Playbooks.finished(api, quick);
    assertThat(api.get(quick + "/actions").json().path("value")).hasSize(1);

    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (api.get(quick).status() != 404) {
      assertThat(Instant.now()).as("the finished run was never deleted").isBefore(deadline);
      Playbooks.sleep(200);
    }
    assertThat(api.get(quick + "/actions").status()).isEqualTo(404);
    Api.Response running = api.get(slow);
    assertThat(running.status()).isEqualTo(200);
    assertThat(running.json().path("properties").path("status").asString()).isEqualTo("Running");
    assertThat(api.post(slow + "/cancel", "").status()).isIn(200, 202, 204);
  }
}
