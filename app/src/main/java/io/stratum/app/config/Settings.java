package io.stratum.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Stratum keeps its data and which port it serves on. A flag wins over the environment, which
 * wins over the default. This is the one place that reads the environment.
 *
 * @param dataDir database and index live here ({@code --data}, {@code STRATUM_DATA}, default {@code
 *     ./stratum-data})
 * @param port HTTP port ({@code --port}, {@code STRATUM_PORT}, default 8080; 0 picks a free one)
 */
public record Settings(Path dataDir, int port) {
  public static final int DEFAULT_PORT = 8080;

  /** Resolves settings, reporting every bad value at once. */
  public static Settings resolve(Path dataFlag, Integer portFlag, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Path data = dataFlag;
    if (data == null) {
      String fromEnv = env.get("STRATUM_DATA");
      data = Path.of(fromEnv == null || fromEnv.isBlank() ? "stratum-data" : fromEnv);
    }
    int port = DEFAULT_PORT;
    if (portFlag != null) {
      port = checkPort("--port", String.valueOf(portFlag), problems);
    } else if (env.get("STRATUM_PORT") != null) {
      port = checkPort("STRATUM_PORT", env.get("STRATUM_PORT"), problems);
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return new Settings(data.toAbsolutePath().normalize(), port);
  }

  public static Settings fromEnvironment(Path dataFlag, Integer portFlag) {
    return resolve(dataFlag, portFlag, Environment.get());
  }

  private static int checkPort(String name, String value, List<String> problems) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    problems.add(name + ": expected a port number from 0 to 65535, got '" + value + "'");
    return DEFAULT_PORT;
  }
}
