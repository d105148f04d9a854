package io.stratum.app.cli;

import io.stratum.access.IssuedToken;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code stratum demo} tells its user: the tokens, and what to try once it serves. */
final class DemoGuide {
  /** The member whose token the examples use, and the question they ask. */
  static final String EXAMPLE_WORKSPACE = "operations";

  static final String EXAMPLE_QUESTION = "How do we fail over the ledger database?";

  private DemoGuide() {}

  static void tokens(
      PrintWriter out,
      Optional<IssuedToken> admin,
      boolean fixedAdmin,
      List<IssuedToken> members,
      Map<String, String> kept,
      DemoTokens keptIn) {
    out.println();
    admin.ifPresent(t -> out.println("Org-admin token (shown once; keep it): " + t.token()));
    if (fixedAdmin) {
      out.println(
          "Org-admin token: the one you gave (--admin-token-file or STRATUM_DEMO_ADMIN_TOKEN)");
    } else if (admin.isEmpty()) {
      out.println(
          "Org-admin token: printed on the first run only; lost it? `stratum admin token create"
              + " --principal admin --data "
              + keptIn.dir().getParent()
              + "` makes another");
    }
    out.println(
        "Member tokens, kept in "
            + keptIn.dir()
            + " and shown again on the next run while they work:");
    for (IssuedToken t : members) {
      out.printf(
          "  %s: %s  (%s, expires %s)%n",
          t.principalId(),
          t.token(),
          t.token().equals(kept.get(t.principalId())) ? "kept" : "new",
          t.expiresAt().atOffset(ZoneOffset.UTC).toLocalDate());
    }
  }

  /** The member token the examples use: the operations member's. */
  static IssuedToken exampleMember(List<IssuedToken> members) {
    return members.stream()
        .filter(t -> t.principalId().equals(EXAMPLE_WORKSPACE + "-member"))
        .findFirst()
        .orElse(members.get(0));
  }

  /** The web UI, one JSON answer over HTTP, and MCP for an IDE, all as {@code member}. */
  static void whatToTryNext(PrintWriter out, String host, int port, IssuedToken member) {
    String base = "http://" + host + ":" + port;
    String auth = "Authorization: Bearer " + member.token();
    String ws = member.principalId().replaceFirst("-member$", "");
    out.println("What to try next (as " + member.principalId() + "):");
    out.println("  Open the web UI:  " + base + "/");
    out.println(
        "  Ask over HTTP for one JSON answer (without the Accept header, it streams as SSE):");
    out.println("    curl -s -X POST " + base + "/api/workspaces/" + ws + "/ask \\");
    out.println("      -H '" + auth + "' -H 'Accept: application/json' \\");
    out.println(
        "      -H 'Content-Type: application/json' -d '{\"question\": \""
            + EXAMPLE_QUESTION
            + "\"}'");
    out.println("  Search:");
    out.println(
        "    curl -s -H '"
            + auth
            + "' '"
            + base
            + "/api/workspaces/"
            + ws
            + "/search?q=database+failover&k=3'");
    out.println("  Use it from Claude Code:");
    out.println(
        "    claude mcp add --transport http stratum " + base + "/mcp --header \"" + auth + "\"");
    out.println(
        "  or Cursor (.cursor/mcp.json; in VS Code's .vscode/mcp.json the key is \"servers\"):");
    out.println("    {\"mcpServers\": {\"stratum\": {\"url\": \"" + base + "/mcp\",");
    out.println("      \"headers\": {\"Authorization\": \"Bearer " + member.token() + "\"}}}}");
  }

  /** Without a server: the same data from the command line. */
  static void whatToTryOffline(PrintWriter out, String data) {
    out.println("What to try next:");
    out.println(
        "  stratum ask --data "
            + data
            + " --workspace "
            + EXAMPLE_WORKSPACE
            + " \""
            + EXAMPLE_QUESTION
            + "\"");
    out.println("  stratum demo --data " + data + "   (serves the web UI, the HTTP API and MCP)");
  }
}
