package io.vigil.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "vigil.limits.tasks-per-incident=3")
class TaskLimitIT extends ApiTest {

  @Test
  void refusesTasksBeyondTheConfiguredMaximum() {
    createIncident("inc", "Busy");
    for (int i = 1; i <= 3; i++) {
      assertThat(
              api.put(
                      ws + "/incidents/inc/tasks/t" + i,
                      "{\"properties\":{\"title\":\"T" + i + "\",\"status\":\"New\"}}")
                  .status())
          .isEqualTo(201);
    }
    Api.Response fourth =
        api.put(
            ws + "/incidents/inc/tasks/t4",
            "{\"properties\":{\"title\":\"T4\",\"status\":\"New\"}}");
    assertThat(fourth.status()).isEqualTo(409);
    assertThat(fourth.json().path("error").path("code").asString()).isEqualTo("TooManyTasks");
    // Existing tasks can still be changed.
    assertThat(
            api.put(
                    ws + "/incidents/inc/tasks/t1",
                    "{\"properties\":{\"title\":\"T1\",\"status\":\"Completed\"}}")
                .status())
        .isEqualTo(200);
    assertThat(api.get(ws + "/incidents/inc/tasks").json().path("value")).hasSize(3);
  }
}
