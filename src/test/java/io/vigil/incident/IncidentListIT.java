package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.Api;
import io.vigil.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IncidentListIT extends ApiTest {

  @BeforeEach
  void incidents() {
    put("i1", "Password spray from TOR", "High", "New", "jane@contoso.com", "phishing");
    put("i2", "Malware on host", "Medium", "Active", "bob@contoso.com", "malware");
    put("i3", "Suspicious sign-in", "Low", "New", null, "phishing");
    put("i4", "Spray against VPN", "High", "Active", "jane@contoso.com", null);
    put("i5", "Impossible travel", "Informational", "New", null, null);
  }

  private void put(
      String id, String title, String severity, String status, String owner, String label) {
    String body =
        """
        {"properties":{"title":"%s","severity":"%s","status":"%s"%s%s}}"""
            .formatted(
                title,
                severity,
                status,
                owner == null
                    ? ""
                    : ",\"owner\":{\"userPrincipalName\":\"%s\",\"assignedTo\":\"%s\"}"
                        .formatted(owner, owner.substring(0, owner.indexOf('@'))),
                label == null ? "" : ",\"labels\":[{\"labelName\":\"%s\"}]".formatted(label));
    assertThat(api.put(ws + "/incidents/" + id, body).status()).isEqualTo(201);
  }

  private List<String> names(String query) {
    Api.Response response = api.get(ws + "/incidents?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    response.json().path("value").forEach(i -> names.add(i.path("name").asString()));
    return names;
  }

  private static String filter(String filter) {
    return "$filter=" + Api.encode(filter);
  }

  @Test
  void listsNewestFirstByDefault() {
    assertThat(names("")).containsExactly("i5", "i4", "i3", "i2", "i1");
  }

  @Test
  void filtersOnStatusSeverityOwnerTitleAndLabels() {
    assertThat(names(filter("properties/status eq 'New' and properties/severity eq 'High'")))
        .containsExactly("i1");
    assertThat(names(filter("properties/severity eq 'high'"))).containsExactly("i4", "i1");
    assertThat(names(filter("contains(properties/title,'spray')"))).containsExactly("i4", "i1");
    assertThat(names(filter("properties/owner/userPrincipalName eq 'JANE@contoso.com'")))
        .containsExactly("i4", "i1");
    assertThat(names(filter("properties/owner/assignedTo eq 'bob'"))).containsExactly("i2");
    assertThat(names(filter("properties/owner/assignedTo eq null"))).containsExactly("i5", "i3");
    assertThat(names(filter("properties/labels/any(l: l/labelName eq 'phishing')")))
        .containsExactly("i3", "i1");
    assertThat(
            names(
                filter(
                    "(properties/severity eq 'High' or properties/severity eq 'Low')"
                        + " and not (properties/status eq 'Active')")))
        .containsExactly("i3", "i1");
    assertThat(names(filter("properties/status in ('Active')"))).containsExactly("i4", "i2");
  }

  @Test
  void filtersOnCreatedTimeRanges() {
    JsonNode third = api.get(ws + "/incidents/i3").json().path("properties");
    String created = third.path("createdTimeUtc").asString();
    assertThat(names(filter("properties/createdTimeUtc ge " + created)))
        .containsExactly("i5", "i4", "i3");
    assertThat(names(filter("properties/createdTimeUtc lt " + created)))
        .containsExactly("i2", "i1");
    assertThat(
            names(
                filter(
                    "properties/createdTimeUtc ge "
                        + created
                        + " and properties/createdTimeUtc le "
                        + created)))
        .containsExactly("i3");
  }

  @Test
  void sortsByEachSortableProperty() {
    assertThat(names("$orderby=properties/incidentNumber%20asc"))
        .containsExactly("i1", "i2", "i3", "i4", "i5");
    assertThat(names("$orderby=properties/createdTimeUtc%20asc"))
        .containsExactly("i1", "i2", "i3", "i4", "i5");
    assertThat(names("$orderby=properties/severity%20desc"))
        .containsExactly("i4", "i1", "i2", "i3", "i5");
    assertThat(names("$orderby=properties/severity")).containsExactly("i5", "i3", "i2", "i1", "i4");
    api.put(
        ws + "/incidents/i2",
        "{\"properties\":{\"title\":\"Touched\",\"severity\":\"Medium\",\"status\":\"Active\"}}");
    assertThat(names("$orderby=properties/lastModifiedTimeUtc%20desc").get(0)).isEqualTo("i2");
  }

  @Test
  void pagesThroughNextLinksThatCarryEveryParameter() {
    String first =
        api.baseUrl()
            + Api.withVersion(
                ws
                    + "/incidents?"
                    + filter("properties/severity ne 'Informational'")
                    + "&$orderby=properties/incidentNumber%20asc&$top=1");
    List<String> seen = new ArrayList<>();
    String next = first;
    int pages = 0;
    while (next != null) {
      Api.Response page = api.send("GET", next, null, java.util.Map.of());
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("value").forEach(i -> seen.add(i.path("name").asString()));
      JsonNode link = page.json().path("nextLink");
      next = link.isMissingNode() || link.isNull() ? null : link.asString();
      if (next != null) {
        assertThat(next).startsWith("http://localhost:" + port + "/");
        assertThat(next).contains("api-version=").contains("$top=1").contains("$filter=");
      }
      pages++;
    }
    assertThat(seen).containsExactly("i1", "i2", "i3", "i4");
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void aNextLinkCarriesEachParameterOnce() {
    // A client that adds the api-version to every link it follows sends it twice.
    String twice = ws + "/incidents?$top=2&api-version=" + Api.API_VERSION;
    JsonNode link = api.get(twice).json().path("nextLink");
    assertThat(link.asString().split("api-version=", -1)).hasSize(2);
    assertThat(link.asString()).contains("$top=2").contains("$skipToken=");
  }

  @Test
  void rejectsBadQueryOptionsNamingThem() {
    Api.Response badField = api.get(ws + "/incidents?" + filter("properties/colour eq 'red'"));
    assertThat(badField.status()).isEqualTo(400);
    assertThat(badField.json().path("error").path("message").asString()).contains("colour");

    Api.Response badEnum = api.get(ws + "/incidents?" + filter("properties/status eq 'Open'"));
    assertThat(badEnum.status()).isEqualTo(400);
    assertThat(badEnum.json().path("error").path("message").asString()).contains("Open");

    Api.Response badSyntax = api.get(ws + "/incidents?" + filter("properties/status eq"));
    assertThat(badSyntax.status()).isEqualTo(400);

    Api.Response badOrder = api.get(ws + "/incidents?$orderby=properties/title");
    assertThat(badOrder.status()).isEqualTo(400);
    assertThat(badOrder.json().path("error").path("message").asString())
        .contains("properties/title");

    assertThat(api.get(ws + "/incidents?$top=1001").status()).isEqualTo(400);
    assertThat(api.get(ws + "/incidents?$top=0").status()).isEqualTo(400);
    assertThat(api.get(ws + "/incidents?$top=ten").status()).isEqualTo(400);
    assertThat(api.get(ws + "/incidents?$skipToken=garbage").status()).isEqualTo(400);
  }
}
