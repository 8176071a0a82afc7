package io.vigil.shared.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlFilterTest {

  static final String LABELS_EXISTS =
      "EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id AND %s)";
  static final String TACTICS_EXISTS =
      "EXISTS (SELECT 1 FROM incident_tactic t WHERE t.incident_id = i.id AND %s)";

  static final FilterSchema SCHEMA =
      FilterSchema.builder()
          .field("properties/title", "i.title", FieldType.STRING)
          .enumField("properties/status", "i.status", List.of("New", "Active", "Closed"))
          .enumField(
              "properties/severity",
              "i.severity",
              List.of("High", "Medium", "Low", "Informational"))
          .field("properties/createdTimeUtc", "i.created_time_utc", FieldType.TIMESTAMP)
          .field("properties/owner/assignedTo", "i.owner_assigned_to", FieldType.STRING)
          .field("properties/incidentNumber", "i.incident_number", FieldType.NUMBER)
          .field("properties/hasOwner", "i.has_owner", FieldType.BOOLEAN)
          .collection(
              "properties/labels",
              LABELS_EXISTS,
              FilterSchema.builder().field("labelName", "l.label_name", FieldType.STRING).build())
          .collection(
              "properties/tactics",
              TACTICS_EXISTS,
              FilterSchema.builder()
                  .enumField(FilterExpression.THIS, "t.tactic", List.of("Execution", "Impact"))
                  .build())
          .build();

  private static SqlFragment translate(String filter) {
    return SqlFilter.toSql(FilterParser.parse(filter), SCHEMA);
  }

  @Test
  void translatesEnumEqualityBindingTheCanonicalSpelling() {
    SqlFragment sql = translate("properties/status eq 'new' and properties/severity eq 'HIGH'");

    assertThat(sql.sql()).isEqualTo("((i.status = ?) AND (i.severity = ?))");
    assertThat(sql.parameters()).containsExactly("New", "High");
  }

  @Test
  void translatesContainsToCaseInsensitiveLike() {
    SqlFragment sql = translate("contains(properties/title,'Spray')");

    assertThat(sql.sql()).isEqualTo("(LOWER(i.title) LIKE ? ESCAPE '\\')");
    assertThat(sql.parameters()).containsExactly("%spray%");
  }

  @Test
  void translatesStartswithAndEndswithToAnchoredPatterns() {
    assertThat(translate("startswith(properties/title,'Pass')").parameters())
        .containsExactly("pass%");
    assertThat(translate("endswith(properties/title,'Spray')").parameters())
        .containsExactly("%spray");
    assertThat(translate("substringof('Spray',properties/title)").parameters())
        .containsExactly("%spray%");
  }

  @Test
  void escapesLikeWildcardsAndTheEscapeCharacter() {
    SqlFragment sql = translate("contains(properties/title,'100%_sure\\ok')");

    assertThat(sql.parameters()).containsExactly("%100\\%\\_sure\\\\ok%");
  }

  @Test
  void translatesDateTimeRangeToUtcMicroseconds() {
    SqlFragment sql =
        translate(
            "properties/createdTimeUtc ge 2024-01-01T00:00:00Z"
                + " and properties/createdTimeUtc lt 2024-02-01T00:00:00.1234560Z");

    assertThat(sql.sql()).isEqualTo("((i.created_time_utc >= ?) AND (i.created_time_utc < ?))");
    assertThat(sql.parameters())
        .containsExactly(
            OffsetDateTime.parse("2024-01-01T00:00:00Z"),
            OffsetDateTime.parse("2024-02-01T00:00:00.123456Z"));
  }

  @Test
  void compensatesForSubMicrosecondDigitsInRangeBounds() {
    // .1234567 is truncated to .123456; a stored .123456 is still before the requested bound.
    SqlFragment sql =
        translate(
            "properties/createdTimeUtc lt 2024-02-01T00:00:00.1234567Z"
                + " or properties/createdTimeUtc ge 2024-02-01T00:00:00.1234567Z");

    assertThat(sql.sql()).isEqualTo("((i.created_time_utc <= ?) OR (i.created_time_utc > ?))");
    assertThat(sql.parameters())
        .containsExactly(
            OffsetDateTime.parse("2024-02-01T00:00:00.123456Z"),
            OffsetDateTime.parse("2024-02-01T00:00:00.123456Z"));
  }

  @Test
  void convertsOffsetsToUtc() {
    SqlFragment sql = translate("properties/createdTimeUtc gt 2024-01-01T02:30:00+02:00");

    OffsetDateTime bound = (OffsetDateTime) sql.parameters().get(0);
    assertThat(bound).isEqualTo(OffsetDateTime.parse("2024-01-01T00:30:00Z"));
    assertThat(bound.getOffset().getTotalSeconds()).isZero();
  }

  @Test
  void acceptsQuotedDateTimeForTimestampField() {
    SqlFragment sql = translate("properties/createdTimeUtc ge '2024-01-01T00:00:00.1234567Z'");

    assertThat(sql.sql()).isEqualTo("(i.created_time_utc > ?)");
    assertThat(sql.parameters())
        .containsExactly(OffsetDateTime.parse("2024-01-01T00:00:00.123456Z"));
  }

  @Test
  void comparesTextCaseInsensitively() {
    SqlFragment sql = translate("properties/owner/assignedTo eq 'Jane'");

    assertThat(sql.sql()).isEqualTo("(LOWER(i.owner_assigned_to) = LOWER(?))");
    assertThat(sql.parameters()).containsExactly("Jane");
  }

  @Test
  void translatesNeSoThatItAlsoMatchesNull() {
    assertThat(translate("properties/owner/assignedTo ne 'Jane'").sql())
        .isEqualTo("(i.owner_assigned_to IS NULL OR LOWER(i.owner_assigned_to) <> LOWER(?))");
    assertThat(translate("properties/status ne 'closed'").sql())
        .isEqualTo("(i.status IS NULL OR i.status <> ?)");
  }

  @Test
  void translatesNullComparisonsToIsNull() {
    SqlFragment isNull = translate("properties/owner/assignedTo eq null");
    SqlFragment isNotNull = translate("properties/owner/assignedTo ne null");

    assertThat(isNull.sql()).isEqualTo("(i.owner_assigned_to IS NULL)");
    assertThat(isNull.parameters()).isEmpty();
    assertThat(isNotNull.sql()).isEqualTo("(i.owner_assigned_to IS NOT NULL)");
  }

  @Test
  void translatesAnyIntoTheExistsTemplate() {
    SqlFragment sql = translate("properties/labels/any(l: l/labelName eq 'phishing')");

    assertThat(sql.sql())
        .isEqualTo(
            "(EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id"
                + " AND (LOWER(l.label_name) = LOWER(?))))");
    assertThat(sql.parameters()).containsExactly("phishing");
  }

  @Test
  void translatesAnyOverPlainValuesThroughThis() {
    SqlFragment sql = translate("properties/tactics/any(x: x eq 'impact' or x eq 'execution')");

    assertThat(sql.sql())
        .isEqualTo(
            "(EXISTS (SELECT 1 FROM incident_tactic t WHERE t.incident_id = i.id"
                + " AND ((t.tactic = ?) OR (t.tactic = ?))))");
    assertThat(sql.parameters()).containsExactly("Impact", "Execution");
  }

  @Test
  void keepsParameterOrderAcrossAnyAndFunctions() {
    SqlFragment sql =
        translate(
            "properties/labels/any(l: l/labelName eq 'x') and contains(properties/title,'a')");

    assertThat(sql.sql())
        .isEqualTo(
            "((EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id"
                + " AND (LOWER(l.label_name) = LOWER(?)))) AND (LOWER(i.title) LIKE ? ESCAPE '\\'))");
    assertThat(sql.parameters()).containsExactly("x", "%a%");
  }

  @Test
  void translatesNotSoThatRowsWithNullStillMatch() {
    SqlFragment sql =
        translate(
            "(properties/severity eq 'High' or properties/severity eq 'Medium')"
                + " and not (properties/status eq 'Closed')");

    assertThat(sql.sql())
        .isEqualTo("(((i.severity = ?) OR (i.severity = ?)) AND ((i.status = ?) IS NOT TRUE))");
    assertThat(sql.parameters()).containsExactly("High", "Medium", "Closed");
  }

  @Test
  void parenthesisesEveryFragmentToPreservePrecedence() {
    SqlFragment sql =
        translate(
            "properties/title eq 'a' and (properties/title eq 'b' or properties/title eq 'c')");

    assertThat(sql.sql())
        .isEqualTo(
            "((LOWER(i.title) = LOWER(?)) AND ((LOWER(i.title) = LOWER(?))"
                + " OR (LOWER(i.title) = LOWER(?))))");
  }

  @Test
  void flattensChainsOfTheSameJunction() {
    SqlFragment sql =
        translate(
            "properties/incidentNumber gt 1 and properties/incidentNumber lt 9"
                + " and properties/incidentNumber ne 5");

    assertThat(sql.sql())
        .isEqualTo(
            "((i.incident_number > ?) AND (i.incident_number < ?)"
                + " AND (i.incident_number IS NULL OR i.incident_number <> ?))");
    assertThat(sql.parameters()).containsExactly(1L, 9L, 5L);
  }

  @Test
  void translatesInToAPlaceholderList() {
    SqlFragment enums = translate("properties/status in ('new','Active')");
    SqlFragment text = translate("properties/title in ('A','b')");

    assertThat(enums.sql()).isEqualTo("(i.status IN (?, ?))");
    assertThat(enums.parameters()).containsExactly("New", "Active");
    assertThat(text.sql()).isEqualTo("(LOWER(i.title) IN (LOWER(?), LOWER(?)))");
    assertThat(text.parameters()).containsExactly("A", "b");
  }

  @Test
  void translatesNullInsideInToIsNull() {
    assertThat(translate("properties/status in ('New', null)").sql())
        .isEqualTo("(i.status IN (?) OR i.status IS NULL)");
    assertThat(translate("properties/status in (null)").sql()).isEqualTo("(i.status IS NULL)");
  }

  @Test
  void bindsNumbersAsLongOrBigDecimal() {
    assertThat(translate("properties/incidentNumber ge 42").parameters()).containsExactly(42L);
    assertThat(translate("properties/incidentNumber lt 4.5").parameters())
        .containsExactly(new BigDecimal("4.5"));
  }

  @Test
  void bindsBooleans() {
    SqlFragment sql = translate("properties/hasOwner eq true");

    assertThat(sql.sql()).isEqualTo("(i.has_owner = ?)");
    assertThat(sql.parameters()).containsExactly(Boolean.TRUE);
  }

  @Test
  void matchesFieldPathsCaseInsensitively() {
    assertThat(translate("Properties/Status eq 'New'").sql()).isEqualTo("(i.status = ?)");
  }

  @Test
  void neverCopiesClientValuesIntoSql() {
    SqlFragment sql = translate("properties/title eq 'x''); DROP TABLE incident; --'");

    assertThat(sql.sql()).isEqualTo("(LOWER(i.title) = LOWER(?))");
    assertThat(sql.parameters()).containsExactly("x'); DROP TABLE incident; --");
  }

  @Test
  void rejectsUnknownFieldNamingItAndTheSupportedOnes() {
    assertThatThrownBy(() -> translate("properties/colour eq 'red'"))
        .isInstanceOf(FilterException.class)
        .hasMessage(
            "$filter: unknown field 'properties/colour'; supported fields are properties/title,"
                + " properties/status, properties/severity, properties/createdTimeUtc,"
                + " properties/owner/assignedTo, properties/incidentNumber, properties/hasOwner,"
                + " properties/labels, properties/tactics");
  }

  @Test
  void rejectsUnknownFieldInsideAnyShowingItAsWritten() {
    assertThatThrownBy(() -> translate("properties/labels/any(l: l/name eq 'x')"))
        .hasMessage(
            "$filter: unknown field 'l/name' in properties/labels/any();"
                + " supported fields are l/labelName");
  }

  @Test
  void rejectsStringFunctionOnTimestamp() {
    assertThatThrownBy(() -> translate("contains(properties/createdTimeUtc,'2024')"))
        .hasMessage(
            "$filter: contains() cannot be used on 'properties/createdTimeUtc',"
                + " which is a date-time field; it needs a text field");
  }

  @Test
  void rejectsInvalidDateTimeStringForTimestamp() {
    assertThatThrownBy(() -> translate("properties/createdTimeUtc ge 'last week'"))
        .hasMessage(
            "$filter: 'last week' is not a valid date-time for 'properties/createdTimeUtc';"
                + " expected ISO-8601 such as 2024-01-01T00:00:00Z");
  }

  @Test
  void rejectsUnknownEnumValueNamingTheAllowedOnes() {
    assertThatThrownBy(() -> translate("properties/severity eq 'Critical'"))
        .hasMessage(
            "$filter: 'Critical' is not a valid value for 'properties/severity';"
                + " allowed values are High, Medium, Low, Informational");
  }

  @Test
  void rejectsOrderingOnEnumAndBoolean() {
    assertThatThrownBy(() -> translate("properties/severity gt 'Low'"))
        .hasMessage(
            "$filter: 'gt' cannot be used on 'properties/severity', which is an enum field;"
                + " use eq, ne or in");
    assertThatThrownBy(() -> translate("properties/hasOwner le true"))
        .hasMessage(
            "$filter: 'le' cannot be used on 'properties/hasOwner', which is a boolean field;"
                + " use eq, ne or in");
  }

  @Test
  void rejectsValuesOfTheWrongType() {
    assertThatThrownBy(() -> translate("properties/title eq 5"))
        .hasMessage("$filter: 'properties/title' is a text field and cannot be compared with 5");
    assertThatThrownBy(() -> translate("properties/incidentNumber eq '5'"))
        .hasMessage(
            "$filter: 'properties/incidentNumber' is a number field and cannot be compared"
                + " with '5'");
    assertThatThrownBy(() -> translate("properties/hasOwner in (true, 'yes')"))
        .hasMessage(
            "$filter: 'properties/hasOwner' is a boolean field and cannot be compared"
                + " with 'yes'");
  }

  @Test
  void rejectsOrderingAgainstNull() {
    assertThatThrownBy(() -> translate("properties/title gt null"))
        .hasMessage("$filter: 'gt' cannot be used with null; use eq null or ne null");
  }

  @Test
  void rejectsCollectionUsedAsFieldAndAnyOnScalar() {
    assertThatThrownBy(() -> translate("properties/labels eq 'x'"))
        .hasMessage(
            "$filter: 'properties/labels' is a collection;"
                + " filter it with properties/labels/any(x: ...)");
    assertThatThrownBy(() -> translate("properties/title/any(t: t eq 'x')"))
        .hasMessage(
            "$filter: 'properties/title' is not a collection, so any() cannot be used on it");
  }

  @Test
  void schemaRejectsMisdeclarations() {
    FilterSchema.Builder builder = FilterSchema.builder().field("a", "t.a", FieldType.STRING);

    assertThatThrownBy(() -> builder.field("A", "t.b", FieldType.STRING))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.field("e", "t.e", FieldType.ENUM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.enumField("e", "t.e", List.of("X", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.collection("c", "EXISTS (SELECT 1)", SCHEMA))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.collection("c", "EXISTS (SELECT ? WHERE %s)", SCHEMA))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
