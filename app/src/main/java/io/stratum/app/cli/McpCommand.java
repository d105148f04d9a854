package io.stratum.app.cli;

import io.stratum.app.BuildInfo;
import io.stratum.app.Stratum;
import io.stratum.app.config.Environment;
import io.stratum.app.config.Settings;
import io.stratum.app.mcp.StratumMcp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stratum mcp --token …}: an MCP server over stdio for an agent or IDE, on the local data
 * directory, acting as the token's owner. Standard output carries only the protocol; logs go to
 * standard error.
 */
@Command(
    name = "mcp",
    description =
        "Serve MCP over stdio (for Claude Code, Cursor, Copilot …) as the owner of --token, on the"
            + " local data directory. For a running server, point the client at its /mcp instead.")
public final class McpCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "A Stratum API token (default: $STRATUM_TOKEN).")
  String token;

  @Override
  public Integer call() {
    String t = token != null ? token : Environment.get().get("STRATUM_TOKEN");
    if (t == null || t.isBlank()) {
      throw new IllegalArgumentException(
          "mcp needs a token: --token stt_… or STRATUM_TOKEN (issue one with: stratum admin"
              + " token create --principal ID)");
    }
    try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
      StratumMcp.stdio(s, t, BuildInfo.version(), System.in, System.out);
    }
    return 0;
  }
}
