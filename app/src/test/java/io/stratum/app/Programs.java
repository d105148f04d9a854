package io.stratum.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs the end-to-end tests run beside Stratum (node, for one), found as a shell would. */
public final class Programs {
  private Programs() {}

  /** The first executable {@code name} on the {@code PATH}, or null when there is none. */
  public static String onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }
}
