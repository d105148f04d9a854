package io.stratum.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stratum version}: the build version and the Java runtime, for bug reports. */
@Command(name = "version", description = "Print the version and the Java runtime.")
public final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : new VersionProvider().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }
}
