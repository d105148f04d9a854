package io.stratum.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * A secret a command takes (a token): from a file, the environment, or an argument. An argument is
 * in the process list ({@code ps}, {@code /proc/PID/cmdline}) for every user of the machine to
 * read, so it still works but draws a warning; a file must be its owner's alone.
 *
 * @param option the argument's name, {@code --token}; the file's is {@code --token-file}
 * @param env the environment variable, {@code STRATUM_TOKEN}
 */
record Secret(String option, String env) {
  /**
   * The secret from {@code file} (its first line), else {@code argument} (warning on {@code err}),
   * else the environment; null when none is given.
   */
  String resolve(String argument, Path file, Map<String, String> environment, PrintWriter err) {
    if (argument != null && file != null) {
      throw new IllegalArgumentException("give %s or %s-file, not both".formatted(option, option));
    }
    if (file != null) {
      return read(file);
    }
    if (argument != null) {
      err.println(
          "stratum: warning: %s on the command line is visible to every user of this machine (ps,"
                  .formatted(option)
              + " /proc/PID/cmdline); use %s-file FILE or %s instead".formatted(option, env));
      err.flush();
      return argument;
    }
    return environment.get(env);
  }

  private String read(Path file) {
    String name = option + "-file " + file;
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.contains(PosixFilePermission.GROUP_READ)
          || mode.contains(PosixFilePermission.OTHERS_READ)) {
        throw new IllegalArgumentException(
            "%s: mode %s (%s) lets other users read it; make it yours alone: chmod 600 %s"
                .formatted(name, octal(mode), PosixFilePermissions.toString(mode), file));
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its access control is the operator's to check
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(name + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot read its permissions: " + e);
    }
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line = in.readLine();
      String first = line == null ? "" : line.strip();
      if (first.isEmpty()) {
        throw new IllegalArgumentException(name + ": the first line is empty; put the token there");
      }
      return first;
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot read it: " + e);
    }
  }

  private static String octal(Set<PosixFilePermission> mode) {
    int bits = 0;
    for (PosixFilePermission p : mode) {
      bits |= 1 << (8 - p.ordinal());
    }
    return "%04o".formatted(bits);
  }
}
