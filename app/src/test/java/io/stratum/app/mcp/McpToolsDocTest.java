package io.stratum.app.mcp;

import io.stratum.app.docs.GeneratedSection;
import org.junit.jupiter.api.Test;

/**
 * The tools in {@code docs/reference/mcp-tools.md} are the ones the MCP server registers, with
 * their JSON Schemas. Regenerate the page after changing {@link McpTools} or {@link Schemas} with
 * the command the failure prints.
 */
class McpToolsDocTest {
  static final GeneratedSection SECTION =
      new GeneratedSection("docs/reference/mcp-tools.md", "mcp-tools", "McpToolsDocTest");

  @Test
  void the_mcp_tools_reference_lists_exactly_the_tools_their_schemas_and_the_resources_served()
      throws Exception {
    SECTION.check(
        SECTION.wrap(
            "app/src/main/java/io/stratum/app/mcp/McpTools.java and Schemas.java",
            McpToolsReference.render()));
  }
}
