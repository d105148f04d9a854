package io.stratum.app.cli;

import picocli.CommandLine.Option;

/** {@code --port} and {@code --host}, shared by the commands that serve HTTP. */
public final class ServerOptions {
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTP port (default: $STRATUM_PORT, else 8080; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;
}
