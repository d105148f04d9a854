package io.stratum.app.cli;

import picocli.CommandLine;

/** The version the build stamped into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  public static String version() {
    return io.stratum.app.BuildInfo.version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "stratum " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
