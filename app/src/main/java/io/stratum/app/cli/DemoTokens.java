package io.stratum.app.cli;

import io.stratum.access.IssuedToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The demo members' tokens, kept in the data directory ({@code demo-tokens/PRINCIPAL.token}, one
 * token a file, readable by their owner only) so that a rerun of the demo prints the same tokens
 * while they still work, instead of issuing new ones each time.
 */
final class DemoTokens {
  static final String DIRECTORY = "demo-tokens";
  private static final String SUFFIX = ".token";

  private final Path dir;

  DemoTokens(Path dataDir) {
    this.dir = dataDir.resolve(DIRECTORY);
  }

  Path dir() {
    return dir;
  }

  /** Principal id to the token kept for it; empty when none is kept. */
  Map<String, String> kept() {
    Map<String, String> kept = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return kept;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).toList()) {
        String name = file.getFileName().toString();
        List<String> lines = Files.readAllLines(file);
        kept.put(
            name.substring(0, name.length() - SUFFIX.length()),
            lines.isEmpty() ? "" : lines.get(0).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo tokens in " + dir, e);
    }
    return kept;
  }

  /** Keeps each token in its principal's file, replacing the one kept before. */
  void keep(List<IssuedToken> tokens) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, ownerOnly("rwx------"));
      }
      for (IssuedToken t : tokens) {
        Path next = Files.createTempFile(dir, t.principalId(), ".tmp", ownerOnly("rw-------"));
        Files.writeString(next, t.token() + "\n");
        Files.move(
            next,
            dir.resolve(t.principalId() + SUFFIX),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the demo tokens in " + dir, e);
    }
  }

  /** Created with these permissions on a POSIX file system; elsewhere, the directory's own. */
  private static FileAttribute<?>[] ownerOnly(String permissions) {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        }
        : new FileAttribute<?>[0];
  }
}
