package io.stratum.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into the jar. */
public final class BuildInfo {
  private BuildInfo() {}

  public static String version() {
    Properties p = new Properties();
    try (InputStream in =
        BuildInfo.class.getClassLoader().getResourceAsStream("stratum-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
