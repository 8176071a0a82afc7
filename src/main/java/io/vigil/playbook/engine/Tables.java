package io.vigil.playbook.engine;

import io.vigil.playbook.expression.ExpressionContext;
import io.vigil.playbook.expression.Templates;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** The Table action: an array of objects as CSV or as an HTML table. */
final class Tables {
  private Tables() {}

  /**
   * {@code evaluated} are the action's inputs with expressions evaluated; {@code raw} the inputs as
   * written, whose column values are evaluated per item (they may use {@code item()}).
   */
  static String render(
      JsonNode from,
      JsonNode evaluated,
      JsonNode raw,
      Function<JsonNode, ExpressionContext> perItem) {
    boolean html = evaluated.path("format").asString("CSV").toUpperCase(Locale.ROOT).equals("HTML");
    List<String> headers = new ArrayList<>();
    List<JsonNode> columnValues = new ArrayList<>();
    if (raw.path("columns").isArray()) {
      for (JsonNode column : raw.path("columns")) {
        headers.add(column.path("header").asString(""));
        columnValues.add(column.path("value"));
      }
    } else {
      Set<String> keys = new LinkedHashSet<>();
      for (JsonNode item : from) {
        item.propertyNames().forEach(keys::add);
      }
      headers.addAll(keys);
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode item : from) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < headers.size(); c++) {
        JsonNode value =
            columnValues.isEmpty()
                ? item.path(headers.get(c))
                : Templates.evaluate(columnValues.get(c), perItem.apply(item));
        row.add(text(value));
      }
      rows.add(row);
    }
    return html ? html(headers, rows) : csv(headers, rows);
  }

  private static String text(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    return value.isString() ? value.asString() : value.toString();
  }

  private static String csv(List<String> headers, List<List<String>> rows) {
    StringBuilder out = new StringBuilder(csvLine(headers));
    for (List<String> row : rows) {
      out.append("\r\n").append(csvLine(row));
    }
    return out.toString();
  }

  private static String csvLine(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String cell : cells) {
      quoted.add(
          cell.contains(",") || cell.contains("\"") || cell.contains("\n")
              ? "\"" + cell.replace("\"", "\"\"") + "\""
              : cell);
    }
    return String.join(",", quoted);
  }

  private static String html(List<String> headers, List<List<String>> rows) {
    StringBuilder out = new StringBuilder("<table><thead><tr>");
    headers.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
    out.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      out.append("<tr>");
      row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
      out.append("</tr>");
    }
    return out.append("</tbody></table>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
