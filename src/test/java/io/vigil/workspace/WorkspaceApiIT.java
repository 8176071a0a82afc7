package io.vigil.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import org.junit.jupiter.api.Test;

class WorkspaceApiIT extends ApiTest {
  private static final String DEFAULT =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/default/providers"
          + "/Microsoft.OperationalInsights/workspaces/default";

  @Test
  void aDefaultWorkspaceExists() {
    Api.Response response = api.get(DEFAULT);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("id").asString()).isEqualTo(DEFAULT);
    assertThat(api.get(DEFAULT + "/providers/Microsoft.SecurityInsights/incidents").status())
        .isEqualTo(200);
  }

  @Test
  void anAdministratorCreatesWorkspacesOnce() {
    String path =
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/soc/providers"
            + "/Microsoft.OperationalInsights/workspaces/"
            + "emea-"
            + workspaceName;
    Api.Response created = api.put(path, "{\"location\":\"westeurope\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("properties").path("customerId").asString()).hasSize(36);
    assertThat(api.put(path.toUpperCase().replace("SUBSCRIPTIONS", "subscriptions"), "{}").status())
        .isEqualTo(200);
    assertThat(api.get(path).status()).isEqualTo(200);
    assertThat(
            api.get(
                    "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/soc/providers"
                        + "/Microsoft.OperationalInsights/workspaces")
                .json()
                .path("value"))
        .isNotEmpty();
  }

  @Test
  void workspacesKeepTheirDataApart() {
    createIncident("same", "In this workspace");
    Api.Response elsewhere =
        api.get(DEFAULT + "/providers/Microsoft.SecurityInsights/incidents/same");
    assertThat(elsewhere.status()).isEqualTo(404);
  }

  @Test
  void refusesBadWorkspaceNames() {
    Api.Response bad =
        api.put(
            "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/"
                + "bad%20name",
            "{}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("message").asString()).contains("workspaceName");
  }
}
