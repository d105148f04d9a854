package io.stratum.app.cli;

import io.stratum.access.TokenRejectedException;
import io.stratum.app.DataDirectoryInUseException;
import io.stratum.app.config.ConfigException;
import io.stratum.app.config.SettingsException;
import io.stratum.app.http.PortInUseException;
import io.stratum.app.usecase.InvalidInputException;
import io.stratum.app.usecase.UnknownWorkspaceException;
import io.stratum.dispatch.DispatchException;
import io.stratum.index.IndexMismatchException;
import io.stratum.index.IndexUnavailableException;
import io.stratum.store.StoreException;
import picocli.CommandLine;

/** Turns a command's failure into one clear message and an exit code; no stack trace for users. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    String message =
        switch (e) {
          case SettingsException s -> String.join("\n", s.problems());
          case ConfigException c -> String.join("\nstratum: ", c.problems());
          case DispatchException d -> d.getMessage();
          case PortInUseException p -> p.getMessage();
          case InvalidInputException i -> i.getMessage();
          case UnknownWorkspaceException u -> u.getMessage();
          case IndexMismatchException m -> m.getMessage();
          // an OpenSearch cluster down or refusing: one line naming it and the reason
          case IndexUnavailableException u -> u.getMessage();
          case IllegalArgumentException a -> a.getMessage();
          case TokenRejectedException t -> "token rejected: " + t.getMessage();
          case DataDirectoryInUseException d -> d.getMessage();
          // the engine's reason, named with the operation (connection refused, disk full...)
          case StoreException st -> st.getMessage();
          default -> null;
        };
    if (message == null) {
      cmd.getErr().println("stratum: " + e);
      e.printStackTrace(cmd.getErr());
      return ExitCode.FAILURE.code;
    }
    cmd.getErr().println("stratum: " + message);
    return ExitCode.BAD_INPUT.code;
  }
}
