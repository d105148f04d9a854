package io.stratum.app.cli;

import io.stratum.app.BuildInfo;
import picocli.CommandLine;

/** The version the build stamped into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  public static String version() {
    return BuildInfo.version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "stratum " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
