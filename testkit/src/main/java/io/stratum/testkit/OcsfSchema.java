package io.stratum.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates events against the OCSF schema's source definitions (the files the OCSF schema server
 * compiles): a class extends its category, which extends the base event; attribute types come from
 * the dictionary, object shapes from {@code objects/}, each object extending its parent. It checks
 * required attributes, {@code at_least_one}/{@code just_one} constraints, unknown attributes, types
 * (with the dictionary's regexes and lengths), enums and their caption siblings, and the class,
 * category and type uids.
 */
public final class OcsfSchema {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The two base-event includes the shared copy of the schema leaves out, as ocsf-schema 1.3.0
   * defines them ({@code includes/classification.json}, {@code includes/occurrence.json}).
   */
  private static final String INCLUDES =
      """
      {"includes/classification.json": {"attributes": {
         "activity_name": {"requirement": "optional"},
         "activity_id": {"enum": {"0": {"caption": "Unknown"}, "99": {"caption": "Other"}},
                         "requirement": "required"},
         "category_name": {"requirement": "optional"},
         "category_uid": {"enum": {"0": {"caption": "Uncategorized"}}, "requirement": "required"},
         "class_name": {"requirement": "optional"},
         "class_uid": {"enum": {"0": {"caption": "Base Event"}}, "requirement": "required"},
         "type_name": {"requirement": "optional"},
         "type_uid": {"requirement": "required"}}},
       "includes/occurrence.json": {"attributes": {
         "count": {"requirement": "optional"}, "duration": {"requirement": "optional"},
         "end_time": {"requirement": "optional"}, "start_time": {"requirement": "optional"},
         "time": {"requirement": "required"}, "timezone_offset": {"requirement": "recommended"}}}}
      """;

  private final Path dir;
  private final JsonNode dictionary;
  private final JsonNode types;
  private final Map<String, JsonNode> events = new HashMap<>();
  private final Map<Integer, String> classes = new HashMap<>();
  private final Map<String, Integer> categories = new HashMap<>();
  private final JsonNode includes;

  private OcsfSchema(Path dir) throws IOException {
    this.dir = dir;
    this.dictionary = read(dir.resolve("dictionary.json")).get("attributes");
    this.types = read(dir.resolve("dictionary.json")).path("types").path("attributes");
    this.includes = JSON.readTree(INCLUDES);
    read(dir.resolve("categories.json"))
        .get("attributes")
        .properties()
        .forEach(e -> categories.put(e.getKey(), e.getValue().get("uid").asInt()));
    try (Stream<Path> files = Files.walk(dir.resolve("events"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode def = read(f);
        events.put(def.get("name").asText(), def);
      }
    }
    for (JsonNode def : events.values()) {
      if (def.has("uid") && categories.containsKey(category(def))) {
        classes.put(categories.get(category(def)) * 1000 + def.get("uid").asInt(), name(def));
      }
    }
  }

  /**
   * Where the shared OCSF 1.3.0 schema sits beside a module's checkout ({@code -Dstratum.shared}
   * overrides {@code ../../shared}).
   */
  public static Path sharedDir() {
    return Path.of(
            System.getProperty("stratum.shared", "../../shared"), "data", "ocsf-schema-1.3.0")
        .toAbsolutePath()
        .normalize();
  }

  /** Loads the schema from its source tree, e.g. {@code ../shared/data/ocsf-schema-1.3.0}. */
  public static OcsfSchema load(Path dir) {
    try {
      return new OcsfSchema(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OCSF schema at " + dir, e);
    }
  }

  /** The schema's version, from {@code version.json}. */
  public String version() {
    return read(dir.resolve("version.json")).get("version").asText();
  }

  /** The class's name for a {@code class_uid}, e.g. {@code api_activity} for 6003. */
  public String className(int classUid) {
    return classes.get(classUid);
  }

  /** Everything wrong with {@code event}, each naming the attribute's path; empty when valid. */
  public List<String> problems(JsonNode event) {
    List<String> out = new ArrayList<>();
    int classUid = event.path("class_uid").asInt(-1);
    String name = classes.get(classUid);
    if (name == null) {
      out.add("class_uid: no OCSF class " + event.path("class_uid"));
      return out;
    }
    JsonNode def = events.get(name);
    int category = categories.get(category(def));
    if (event.path("category_uid").asInt(-1) != category) {
      out.add("category_uid: expected " + category + ", got " + event.path("category_uid"));
    }
    long type = classUid * 100L + event.path("activity_id").asLong();
    if (event.path("type_uid").asLong(-1) != type) {
      out.add("type_uid: expected " + type + ", got " + event.path("type_uid"));
    }
    Map<String, ObjectNode> attributes = eventAttributes(name);
    // The schema server fills these two enums in per class; their uids are checked above instead.
    attributes.get("category_uid").remove("enum");
    attributes.get("class_uid").remove("enum");
    check(name, attributes, null, event, out);
    return out;
  }

  private void check(
      String path,
      Map<String, ObjectNode> attributes,
      JsonNode def,
      JsonNode value,
      List<String> out) {
    attributes.forEach(
        (attr, spec) -> {
          if ("required".equals(spec.path("requirement").asText()) && !value.has(attr)) {
            out.add(path + ": missing required attribute " + attr);
          }
        });
    if (def != null && def.has("constraints")) {
      def.get("constraints")
          .properties()
          .forEach(
              c -> {
                long present = 0;
                for (JsonNode a : c.getValue()) {
                  present += value.has(a.asText()) ? 1 : 0;
                }
                boolean ok = c.getKey().equals("just_one") ? present == 1 : present >= 1;
                if (!ok) {
                  out.add(path + ": " + c.getKey() + " of " + c.getValue() + " must be present");
                }
              });
    }
    value
        .properties()
        .forEach(
            e -> {
              ObjectNode spec = attributes.get(e.getKey());
              if (spec == null) {
                out.add(path + "." + e.getKey() + ": not an attribute of " + path);
                return;
              }
              checkValue(path + "." + e.getKey(), spec, e.getValue(), out);
              String sibling = spec.path("sibling").asText(null);
              JsonNode caption = spec.path("enum").path(e.getValue().asText()).path("caption");
              if (sibling != null
                  && value.has(sibling)
                  && !caption.isMissingNode()
                  && !e.getValue().asText().equals("99")
                  && !value.get(sibling).asText().equals(caption.asText())) {
                out.add(
                    path
                        + "."
                        + sibling
                        + ": expected '"
                        + caption.asText()
                        + "' for "
                        + e.getKey()
                        + " "
                        + e.getValue()
                        + ", got "
                        + value.get(sibling));
              }
            });
  }

  private void checkValue(String path, ObjectNode spec, JsonNode v, List<String> out) {
    if (spec.path("is_array").asBoolean(false)) {
      if (!v.isArray()) {
        out.add(path + ": expected an array, got " + v.getNodeType());
        return;
      }
      ObjectNode one = spec.deepCopy();
      one.remove("is_array");
      for (int i = 0; i < v.size(); i++) {
        checkValue(path + "[" + i + "]", one, v.get(i), out);
      }
      return;
    }
    String type = spec.path("type").asText();
    if (spec.has("enum") && !spec.get("enum").has(v.asText())) {
      out.add(path + ": " + v + " is not one of " + names(spec.get("enum")));
    }
    if (type.endsWith("_t")) {
      checkScalar(path, type, v, out);
    } else if (type.equals("object")) {
      if (!v.isObject()) {
        out.add(path + ": expected an object, got " + v.getNodeType());
      }
    } else if (!v.isObject()) {
      out.add(path + ": expected a " + type + " object, got " + v.getNodeType());
    } else {
      check(path, objectAttributes(type), object(type), v, out);
    }
  }

  private void checkScalar(String path, String type, JsonNode v, List<String> out) {
    JsonNode t = types.path(type);
    String base = t.has("type") ? t.get("type").asText() : type;
    boolean ok =
        switch (base) {
          case "string_t" -> v.isTextual();
          case "integer_t" -> v.isInt() || v.isLong() && v.canConvertToInt();
          case "long_t" -> v.isIntegralNumber();
          case "float_t" -> v.isNumber();
          case "boolean_t" -> v.isBoolean();
          case "json_t" -> true;
          default -> false;
        };
    if (!ok) {
      out.add(path + ": expected " + type + ", got " + v);
      return;
    }
    if (t.has("regex") && !Pattern.compile(t.get("regex").asText()).matcher(v.asText()).find()) {
      out.add(path + ": '" + v.asText() + "' does not match " + type);
    }
    if (t.has("max_len") && v.asText().length() > t.get("max_len").asInt()) {
      out.add(path + ": longer than " + t.get("max_len").asInt() + " characters");
    }
  }

  /** A class's attributes, from the base event down, each merged with its dictionary entry. */
  private Map<String, ObjectNode> eventAttributes(String name) {
    JsonNode def = events.get(name);
    Map<String, ObjectNode> attrs =
        def.has("extends") ? eventAttributes(def.get("extends").asText()) : new LinkedHashMap<>();
    merge(attrs, def.path("attributes"));
    return attrs;
  }

  private Map<String, ObjectNode> objectAttributes(String name) {
    JsonNode def = object(name);
    Map<String, ObjectNode> attrs =
        def.has("extends") ? objectAttributes(def.get("extends").asText()) : new LinkedHashMap<>();
    merge(attrs, def.path("attributes"));
    return attrs;
  }

  private void merge(Map<String, ObjectNode> attrs, JsonNode own) {
    own.properties()
        .forEach(
            e -> {
              if (e.getKey().equals("$include")) {
                for (JsonNode inc : e.getValue()) {
                  merge(attrs, included(inc.asText()).path("attributes"));
                }
                return;
              }
              ObjectNode spec =
                  attrs.containsKey(e.getKey())
                      ? attrs.get(e.getKey())
                      : dictionary.has(e.getKey())
                          ? (ObjectNode) dictionary.get(e.getKey()).deepCopy()
                          : JSON.createObjectNode();
              e.getValue()
                  .properties()
                  .forEach(
                      p -> {
                        if (p.getKey().equals("enum") && spec.has("enum")) {
                          ((ObjectNode) spec.get("enum")).setAll((ObjectNode) p.getValue());
                        } else if (!p.getValue().isNull()) {
                          spec.set(p.getKey(), p.getValue());
                        }
                      });
              attrs.put(e.getKey(), spec);
            });
  }

  private JsonNode included(String path) {
    if (includes.has(path)) {
      return includes.get(path);
    }
    JsonNode profile = read(dir.resolve(path));
    // A profile's attributes are allowed, never required: the event names its profiles.
    ObjectNode relaxed = JSON.createObjectNode();
    profile
        .path("attributes")
        .properties()
        .forEach(
            a -> {
              ObjectNode spec = ((ObjectNode) a.getValue()).deepCopy();
              spec.put("requirement", "optional");
              relaxed.set(a.getKey(), spec);
            });
    return JSON.createObjectNode().set("attributes", relaxed);
  }

  private JsonNode object(String name) {
    return read(dir.resolve("objects").resolve(name + ".json"));
  }

  private String category(JsonNode def) {
    return def.has("category")
        ? def.get("category").asText()
        : category(events.get(extendsOf(def)));
  }

  private static String extendsOf(JsonNode def) {
    return def.get("extends").asText();
  }

  private static String name(JsonNode def) {
    return def.get("name").asText();
  }

  private static List<String> names(JsonNode e) {
    List<String> out = new ArrayList<>();
    e.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode read(Path f) {
    try {
      return JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }
}
