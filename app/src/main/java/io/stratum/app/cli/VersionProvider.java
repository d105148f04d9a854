package io.stratum.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version the build stamped into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  public static String version() {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getClassLoader().getResourceAsStream("stratum-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "stratum " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
