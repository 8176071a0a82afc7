package io.vigil.incident.internal;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes the JSON-text columns of this module's tables. */
@Component
public class JsonColumns {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ObjectMapper mapper;

  JsonColumns(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String write(Object value) {
    return mapper.writeValueAsString(value);
  }

  public List<String> strings(String json) {
    return json == null ? List.of() : mapper.readValue(json, STRINGS);
  }

  public ObjectNode object(String json) {
    return (ObjectNode) mapper.readTree(json);
  }

  public <T> T read(String json, Class<T> type) {
    return json == null ? null : mapper.readValue(json, type);
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
