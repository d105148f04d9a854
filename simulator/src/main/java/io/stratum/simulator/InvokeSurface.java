package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /model/{modelId}/invoke} for the embedding and rerank models Stratum uses: Titan Text
 * Embeddings v2, Cohere Embed v3 and Cohere Rerank 3.5, with their native request and response
 * bodies and Bedrock's "Malformed input request" validation messages.
 *
 * <p>Vectors are feature-hashed words (each word adds ±1 to a bucket chosen by its hash), so texts
 * that share words are close and the same text always gets the same vector; rerank scores are the
 * share of the query's words a document contains.
 */
final class InvokeSurface {
  static final String TITAN_V2 = "amazon.titan-embed-text-v2:0";
  static final String COHERE_RERANK = "cohere.rerank-v3-5:0";
  static final Set<String> COHERE_EMBED =
      Set.of("cohere.embed-english-v3", "cohere.embed-multilingual-v3");
  static final int COHERE_DIMENSION = 1024;
  static final int COHERE_MAX_TEXTS = 96;

  private final ObjectMapper json;

  InvokeSurface(ObjectMapper json) {
    this.json = json;
  }

  void handle(String modelId, JsonNode body, SimExchange out) {
    if (modelId.equals(TITAN_V2)) {
      titan(body, out);
    } else if (COHERE_EMBED.contains(modelId)) {
      cohereEmbed(body, out);
    } else if (modelId.equals(COHERE_RERANK)) {
      rerank(body, out);
    } else {
      throw SimError.validation("The provided model identifier is invalid.");
    }
  }

  private void titan(JsonNode body, SimExchange out) {
    String text = requiredText(body, "inputText");
    int dimensions = body.path("dimensions").asInt(1024);
    if (!List.of(256, 512, 1024).contains(dimensions)) {
      throw malformed("#/dimensions: " + body.get("dimensions") + " is not a valid enum value");
    }
    ObjectNode reply = json.createObjectNode();
    float[] v = vector(text, dimensions);
    ArrayNode embedding = reply.putArray("embedding");
    for (float f : v) {
      embedding.add(f);
    }
    reply.put("inputTextTokenCount", words(text).size());
    out.json(
        200,
        reply.toString(),
        Map.of("X-Amzn-Bedrock-Input-Token-Count", String.valueOf(words(text).size())));
  }

  private void cohereEmbed(JsonNode body, SimExchange out) {
    JsonNode texts = body.get("texts");
    if (texts == null || !texts.isArray()) {
      throw malformed("#: required key [texts] not found");
    }
    if (texts.size() > COHERE_MAX_TEXTS) {
      throw malformed("#/texts: expected maximum item count: 96, found: " + texts.size());
    }
    String inputType = body.path("input_type").asText("");
    if (!List.of("search_document", "search_query", "classification", "clustering")
        .contains(inputType)) {
      throw malformed(
          inputType.isEmpty()
              ? "#: required key [input_type] not found"
              : "#/input_type: " + inputType + " is not a valid enum value");
    }
    ObjectNode reply = json.createObjectNode();
    reply.put("id", UUID.randomUUID().toString());
    ArrayNode echoed = reply.putArray("texts");
    ArrayNode embeddings = reply.putArray("embeddings");
    int tokens = 0;
    for (JsonNode t : texts) {
      echoed.add(t.asText());
      ArrayNode row = embeddings.addArray();
      for (float f : vector(t.asText(), COHERE_DIMENSION)) {
        row.add(f);
      }
      tokens += words(t.asText()).size();
    }
    reply.put("response_type", "embeddings_floats");
    out.json(200, reply.toString(), Map.of("X-Amzn-Bedrock-Input-Token-Count", "" + tokens));
  }

  private void rerank(JsonNode body, SimExchange out) {
    if (!body.has("api_version")) {
      throw malformed("#: required key [api_version] not found");
    }
    if (body.get("api_version").asInt() < 2) {
      throw malformed(
          "#/api_version: " + body.get("api_version") + " is not greater or equal to 2");
    }
    String query = requiredText(body, "query");
    JsonNode docs = body.get("documents");
    if (docs == null || !docs.isArray() || docs.isEmpty()) {
      throw malformed("#: required key [documents] not found");
    }
    int topN = body.path("top_n").asInt(docs.size());
    Set<String> asked = new LinkedHashSet<>(words(query));
    List<double[]> scored = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Set<String> has = new LinkedHashSet<>(words(docs.get(i).asText()));
      long shared = asked.stream().filter(has::contains).count();
      scored.add(new double[] {i, asked.isEmpty() ? 0 : shared / (double) asked.size()});
    }
    scored.sort((a, b) -> a[1] != b[1] ? Double.compare(b[1], a[1]) : Double.compare(a[0], b[0]));
    ObjectNode reply = json.createObjectNode();
    reply.put("id", UUID.randomUUID().toString());
    ArrayNode results = reply.putArray("results");
    for (double[] s : scored.subList(0, Math.min(topN, scored.size()))) {
      results.addObject().put("index", (int) s[0]).put("relevance_score", s[1]);
    }
    out.json(200, reply.toString(), Map.of());
  }

  private static String requiredText(JsonNode body, String key) {
    JsonNode v = body.get(key);
    if (v == null) {
      throw malformed("#: required key [" + key + "] not found");
    }
    if (!v.isTextual()) {
      throw malformed("#/" + key + ": expected type: String, found: " + v.getNodeType());
    }
    if (v.asText().isBlank()) {
      throw malformed("#/" + key + ": expected minLength: 1, actual: 0");
    }
    return v.asText();
  }

  private static SimError malformed(String detail) {
    return SimError.validation(
        "Malformed input request: " + detail + ", please reformat your input and try again.");
  }

  static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> w.length() > 2)
        .toList();
  }

  /** A unit vector of feature-hashed words; texts without words get a fixed unit vector. */
  static float[] vector(String text, int dimensions) {
    float[] v = new float[dimensions];
    for (String w : words(text)) {
      byte[] h = sha256(w);
      int bucket =
          Math.floorMod(((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff), dimensions);
      v[bucket] += (h[3] & 1) == 0 ? 1f : -1f;
    }
    double norm = 0;
    for (float f : v) {
      norm += f * f;
    }
    if (norm == 0) {
      v[0] = 1f;
      return v;
    }
    float n = (float) Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
    return v;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
