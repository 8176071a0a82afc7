package io.vigil.shared.odata;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs translated filters on a real database, embedded H2 in PostgreSQL mode or PostgreSQL as
 * chosen by {@code vigil.test.db}, to check that the SQL is accepted by both and that the rows
 * match OData semantics (case-insensitivity, nulls, LIKE escaping, timestamp precision).
 */
class SqlFilterIT {

  private static final FilterSchema SCHEMA =
      FilterSchema.builder()
          .field("properties/title", "i.title", FieldType.STRING)
          .enumField("properties/status", "i.status", List.of("New", "Active", "Closed"))
          .enumField("properties/severity", "i.severity", List.of("High", "Medium", "Low"))
          .field("properties/createdTimeUtc", "i.created_time_utc", FieldType.TIMESTAMP)
          .field("properties/owner/assignedTo", "i.owner_assigned_to", FieldType.STRING)
          .field("properties/incidentNumber", "i.incident_number", FieldType.NUMBER)
          .field("properties/hasOwner", "i.has_owner", FieldType.BOOLEAN)
          .collection(
              "properties/labels",
              "EXISTS (SELECT 1 FROM odata_label l WHERE l.incident_id = i.id AND %s)",
              FilterSchema.builder().field("labelName", "l.label_name", FieldType.STRING).build())
          .build();

  private static Connection connection;

  @BeforeAll
  static void createTables() throws SQLException {
    if ("postgresql".equals(System.getProperty("vigil.test.db"))) {
      connection =
          DriverManager.getConnection(
              System.getProperty("vigil.test.pg.url"),
              System.getProperty("vigil.test.pg.user"),
              System.getProperty("vigil.test.pg.password", ""));
    } else {
      connection =
          DriverManager.getConnection(
              "jdbc:h2:mem:odata;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
              "sa",
              "");
    }
    try (Statement statement = connection.createStatement()) {
      // Temporary tables vanish with the connection, so nothing is left in a shared database.
      statement.execute(
          "CREATE LOCAL TEMPORARY TABLE odata_incident (id INT PRIMARY KEY, title VARCHAR(100),"
              + " status VARCHAR(20), severity VARCHAR(20),"
              + " created_time_utc TIMESTAMP WITH TIME ZONE, owner_assigned_to VARCHAR(100),"
              + " incident_number INT, has_owner BOOLEAN)");
      statement.execute(
          "CREATE LOCAL TEMPORARY TABLE odata_label (incident_id INT, label_name VARCHAR(100))");
      statement.execute(
          "INSERT INTO odata_incident VALUES"
              + " (1, 'Password spray from TOR', 'New', 'High',"
              + " TIMESTAMP WITH TIME ZONE '2024-01-05 10:00:00+00', 'Jane', 1, TRUE),"
              + " (2, '100% sure_thing', 'Active', 'Medium',"
              + " TIMESTAMP WITH TIME ZONE '2024-01-31 23:59:59.999999+00', NULL, 2, FALSE),"
              + " (3, 'Malware', 'Closed', 'High',"
              + " TIMESTAMP WITH TIME ZONE '2024-02-01 00:00:00.123456+00', 'JANE', 3, TRUE),"
              + " (4, NULL, NULL, 'Low',"
              + " TIMESTAMP WITH TIME ZONE '2024-02-01 00:00:00.123457+00', 'Bob', 4, NULL)");
      statement.execute(
          "INSERT INTO odata_label VALUES (1, 'phishing'), (1, 'tor'), (3, 'Phishing')");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        match("properties/status eq 'new' and properties/severity eq 'HIGH'", 1),
        match("contains(properties/title,'SPRAY')", 1),
        match("substringof('spray', properties/title)", 1),
        match("startswith(properties/title,'100%')", 2),
        match("contains(properties/title,'%')", 2),
        match("contains(properties/title,'_')", 2),
        match("endswith(properties/title,'WARE')", 3),
        match(
            "properties/createdTimeUtc ge 2024-01-01T00:00:00Z"
                + " and properties/createdTimeUtc lt 2024-02-01T00:00:00.1234567Z",
            1,
            2,
            3),
        match("properties/createdTimeUtc ge 2024-02-01T00:00:00.1234567Z", 4),
        match("properties/createdTimeUtc eq '2024-01-05T12:00:00+02:00'", 1),
        match("properties/owner/assignedTo eq 'jane'", 1, 3),
        match("properties/owner/assignedTo ne 'jane'", 2, 4),
        match("properties/owner/assignedTo eq null", 2),
        match("properties/owner/assignedTo ne null", 1, 3, 4),
        match("properties/labels/any(l: l/labelName eq 'PHISHING')", 1, 3),
        match("not properties/labels/any(l: l/labelName eq 'tor')", 2, 3, 4),
        match(
            "(properties/severity eq 'High' or properties/severity eq 'Medium')"
                + " and not (properties/status eq 'Closed')",
            1,
            2),
        match("not (properties/status eq 'Closed')", 1, 2, 4),
        match("properties/status in ('New','Active')", 1, 2),
        match("properties/title in ('malware', null)", 3, 4),
        match("properties/incidentNumber gt 2", 3, 4),
        match("properties/incidentNumber lt 2.5", 1, 2),
        match("properties/hasOwner eq true", 1, 3),
        match("properties/hasOwner ne true", 2, 4),
        match("properties/labels/any(l: l/labelName eq 'x') and contains(properties/title,'a')"));
  }

  private static Arguments match(String filter, Integer... ids) {
    return Arguments.of(filter, List.of(ids));
  }

  @ParameterizedTest
  @MethodSource("filters")
  void selectsTheRowsTheFilterDescribes(String filter, List<Integer> expectedIds)
      throws SQLException {
    SqlFragment where = SqlFilter.toSql(FilterParser.parse(filter), SCHEMA);
    String sql = "SELECT i.id FROM odata_incident i WHERE " + where.sql() + " ORDER BY i.id";

    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < where.parameters().size(); i++) {
        statement.setObject(i + 1, where.parameters().get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getInt(1));
        }
      }
    }

    assertThat(ids).as(sql).isEqualTo(expectedIds);
  }
}
