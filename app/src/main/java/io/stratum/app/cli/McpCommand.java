package io.stratum.app.cli;

import io.stratum.app.BuildInfo;
import io.stratum.app.Stratum;
import io.stratum.app.config.Environment;
import io.stratum.app.config.Settings;
import io.stratum.app.mcp.StratumMcp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum mcp --token-file FILE}: an MCP server over stdio for an agent or IDE, on the local
 * data directory, acting as the token's owner. Standard output carries only the protocol; logs go
 * to standard error.
 */
@Command(
    name = "mcp",
    description = {
      "Serve MCP over stdio (for Claude Code, Cursor, Copilot...) as the token's owner.",
      "Works on the local data directory. For a running server, point the client at its /mcp"
          + " instead."
    })
public final class McpCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Spec CommandSpec spec;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "A Stratum API token; visible to other users in the process list, so prefer"
              + " --token-file or $STRATUM_TOKEN (the default).")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Read the token from the first line of FILE (readable by its owner only).")
  Path tokenFile;

  @Override
  public Integer call() {
    String t =
        new Secret("--token", "STRATUM_TOKEN")
            .resolve(token, tokenFile, Environment.get(), spec.commandLine().getErr());
    if (t == null || t.isBlank()) {
      throw new IllegalArgumentException(
          "mcp needs a token: --token-file FILE or STRATUM_TOKEN (issue one with: stratum admin"
              + " token create --principal ID)");
    }
    try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
      StratumMcp.stdio(s, t, BuildInfo.version(), System.in, System.out);
    }
    return 0;
  }
}
