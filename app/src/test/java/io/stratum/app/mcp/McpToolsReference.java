package io.stratum.app.mcp;

import static io.stratum.app.docs.SchemaWords.cell;
import static io.stratum.app.docs.SchemaWords.prose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.stratum.app.docs.SchemaWords;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The MCP server's tools and resources as Markdown, for {@code docs/reference/mcp-tools.md}: what
 * {@code initialize}, {@code tools/list} and {@code resources/templates/list} tell a client, from
 * the same definitions the server registers.
 */
final class McpToolsReference {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Function<String, String> NO_REFS = name -> "`" + name + "`";

  private McpToolsReference() {}

  /** The page's generated part for the tools and resources the server registers. */
  static String render() {
    McpTools definitions = new McpTools(null, null);
    return render(StratumMcp.INSTRUCTIONS, definitions.tools(), definitions.resources());
  }

  static String render(
      String instructions,
      List<SyncToolSpecification> tools,
      List<SyncResourceTemplateSpecification> resources) {
    StringBuilder md = new StringBuilder();
    md.append("The server's instructions to the agent (`initialize`):\n\n> ")
        .append(prose(instructions))
        .append("\n\n");
    md.append("| tool | what it does | hints |\n|---|---|---|\n");
    for (SyncToolSpecification spec : tools) {
      McpSchema.Tool t = spec.tool();
      md.append(
          "| [`%s`](#%s) | %s | %s |\n"
              .formatted(t.name(), t.name(), cell(prose(t.description())), hints(t.annotations())));
    }
    for (SyncToolSpecification spec : tools) {
      McpSchema.Tool t = spec.tool();
      md.append("\n## `").append(t.name()).append("`\n\n");
      md.append(prose(t.description())).append("\n\n");
      JsonNode in = JSON.valueToTree(t.inputSchema());
      List<SchemaWords.Field> args = SchemaWords.fields(in, NO_REFS);
      if (args.isEmpty()) {
        md.append("Arguments: none.\n");
      } else {
        md.append("Arguments")
            .append(in.path("additionalProperties").asBoolean(true) ? "" : " (no others accepted)")
            .append(":\n\n");
        table(md, SchemaWords.FIELD_HEADER, args);
      }
      md.append("\nResult (`structuredContent`, also sent as a JSON text block):\n\n");
      table(
          md,
          SchemaWords.RESULT_HEADER,
          SchemaWords.fields(JSON.valueToTree(t.outputSchema()), NO_REFS));
    }
    md.append("\n## Resources\n\n");
    md.append("| URI template | name | MIME type | what |\n|---|---|---|---|\n");
    for (SyncResourceTemplateSpecification r : resources) {
      McpSchema.ResourceTemplate t = r.resourceTemplate();
      md.append(
          "| `%s` | %s | `%s` | %s |\n"
              .formatted(t.uriTemplate(), t.name(), t.mimeType(), cell(prose(t.description()))));
    }
    return md.toString();
  }

  private static void table(StringBuilder md, String header, List<SchemaWords.Field> fields) {
    md.append(header).append('\n');
    fields.forEach(f -> md.append(f.row()).append('\n'));
  }

  /** The tool's annotations in words: whether it only reads, may destroy, is idempotent. */
  private static String hints(McpSchema.ToolAnnotations a) {
    if (a == null) {
      return "";
    }
    List<String> words = new ArrayList<>();
    if (Boolean.TRUE.equals(a.readOnlyHint())) {
      words.add("read-only");
    } else if (Boolean.FALSE.equals(a.readOnlyHint())) {
      words.add("not read-only");
    }
    if (Boolean.TRUE.equals(a.destructiveHint())) {
      words.add("destructive");
    }
    if (Boolean.TRUE.equals(a.idempotentHint())) {
      words.add("idempotent");
    }
    if (Boolean.FALSE.equals(a.openWorldHint())) {
      words.add("closed world");
    }
    return String.join(", ", words);
  }
}
