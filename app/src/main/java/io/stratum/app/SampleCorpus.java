package io.stratum.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo corpus shipped inside the jar (Halyard, a fictional payments company, in three
 * workspaces). It is copied out to a directory so it can be read, edited and re-ingested like any
 * other corpus; files whose bytes are unchanged are not rewritten.
 */
public final class SampleCorpus {
  static final String RESOURCE = "sample-corpus";

  private SampleCorpus() {}

  /** Copies the corpus to {@code target}, which then mirrors it exactly; returns {@code target}. */
  public static Path extractTo(Path target) {
    URL url = SampleCorpus.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException("the sample corpus is missing from the jar: rebuild it");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = jarFileSystem(uri)) {
          copy(fs.provider().getPath(uri), target);
        }
      } else {
        copy(Path.of(uri), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the sample corpus to " + target, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + url, e);
    }
  }

  private static FileSystem jarFileSystem(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      throw new IllegalStateException("the jar file system is already open elsewhere", e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Set<String> shipped = new HashSet<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = from.relativize(file).toString();
        shipped.add(relative);
        Path dest = to.resolve(relative);
        byte[] bytes = Files.readAllBytes(file);
        if (!Files.exists(dest) || !Arrays.equals(Files.readAllBytes(dest), bytes)) {
          Files.createDirectories(dest.getParent());
          Files.write(dest, bytes);
        }
      }
    }
    try (Stream<Path> files = Files.walk(to)) {
      List<Path> stale =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !shipped.contains(to.relativize(f).toString()))
              .toList();
      for (Path f : stale) {
        Files.delete(f);
      }
    }
  }
}
