package io.stratum.app.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.corpus.SourceDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The tools' JSON Schemas, input and output, as clients see them in {@code tools/list}. */
final class Schemas {
  private Schemas() {}

  private static final String WORKSPACES =
      """
      "workspaces": {"type": "array", "items": {"type": "string"}, "uniqueItems": true,
        "description": "Workspace ids (see list_workspaces); default: every workspace you can read"}
      """;

  private static final String PASSAGE =
      """
      {"type": "object", "required": ["n", "documentId", "chunkId", "workspace", "title", "score"],
       "properties": {
         "n": {"type": "integer"}, "documentId": {"type": "string"}, "chunkId": {"type": "string"},
         "workspace": {"type": "string"}, "title": {"type": "string"},
         "section": {"type": "string"}, "path": {"type": "string"}, "status": {"type": "string"},
         "score": {"type": "number"}, "cosine": {"type": ["number", "null"]},
         "text": {"type": "string"}}}
      """;

  static final String SEARCH_IN =
      """
      {"type": "object", "required": ["query"], "additionalProperties": false,
       "properties": {
         "query": {"type": "string", "minLength": 1, "maxLength": 4000},
         %s,
         "kinds": {"type": "array", "items": {"type": "string", "enum": [%s]},
           "description": "Only these source kinds"},
         "k": {"type": "integer", "minimum": 1, "maximum": 50, "default": 8}}}
      """
          .formatted(
              WORKSPACES,
              String.join(", ", SourceDocument.KINDS.stream().map(k -> '"' + k + '"').toList()));

  static final String SEARCH_OUT =
      """
      {"type": "object", "required": ["query", "workspaces", "results"],
       "properties": {
         "query": {"type": "string"},
         "workspaces": {"type": "array", "items": {"type": "string"}},
         "results": {"type": "array", "items": %s}}}
      """
          .formatted(PASSAGE);

  static final String ASK_IN =
      """
      {"type": "object", "required": ["question"], "additionalProperties": false,
       "properties": {
         "question": {"type": "string", "minLength": 1, "maxLength": 4000},
         %s,
         "conversationId": {"type": "string", "minLength": 1,
           "description": "Continue this conversation (from an earlier ask) instead of starting one; its workspaces apply"}}}
      """
          .formatted(WORKSPACES);

  static final String ASK_OUT =
      """
      {"type": "object", "required": ["answer", "refused", "citations", "conversationId", "model"],
       "properties": {
         "answer": {"type": "string"}, "refused": {"type": "boolean"},
         "refusal": {"type": "string"}, "workspace": {"type": "string"},
         "conversationId": {"type": "string"}, "model": {"type": "string"},
         "backend": {"type": "string"},
         "citations": {"type": "array", "items": {"type": "object",
           "required": ["n", "documentId", "title"],
           "properties": {"n": {"type": "integer"}, "documentId": {"type": "string"},
             "title": {"type": "string"}, "section": {"type": "string"},
             "path": {"type": "string"}}}},
         "usage": {"type": "object"}, "latencyMs": {"type": "number"}}}
      """;

  static final String DOCUMENT_IN =
      """
      {"type": "object", "required": ["id"], "additionalProperties": false,
       "properties": {"id": {"type": "string", "minLength": 1,
         "description": "A documentId from search or ask, e.g. security:security/adr-0003-key-management.md"}}}
      """;

  static final String DOCUMENT_OUT =
      """
      {"type": "object", "required": ["id", "workspace", "title", "chunks"],
       "properties": {
         "id": {"type": "string"}, "workspace": {"type": "string"}, "title": {"type": "string"},
         "path": {"type": "string"}, "status": {"type": "string"},
         "chunks": {"type": "array", "items": {"type": "string"}}}}
      """;

  static final String NONE_IN =
      """
      {"type": "object", "additionalProperties": false, "properties": {}}
      """;

  static final String WORKSPACES_OUT =
      """
      {"type": "object", "required": ["workspaces"],
       "properties": {"workspaces": {"type": "array", "items": {"type": "object",
         "required": ["id", "name", "role"],
         "properties": {"id": {"type": "string"}, "name": {"type": "string"},
           "role": {"type": "string",
             "enum": ["viewer", "member", "workspace_admin", "org_admin"]}}}}}}
      """;

  static final String SOURCES_IN =
      """
      {"type": "object", "additionalProperties": false,
       "properties": {"workspace": {"type": "string", "minLength": 1}}}
      """;

  static final String SOURCES_OUT =
      """
      {"type": "object", "required": ["sources"],
       "properties": {"sources": {"type": "array", "items": {"type": "object",
         "required": ["workspace", "source", "kind", "documents"],
         "properties": {"workspace": {"type": "string"}, "source": {"type": "string"},
           "kind": {"type": "string"}, "documents": {"type": "integer"},
           "lastIngested": {"type": ["string", "null"]}}}}}}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, Object> map(String schema) {
    try {
      return JSON.readValue(schema, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("a tool schema is not JSON", e);
    }
  }
}
