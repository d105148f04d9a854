package io.stratum.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small Markdown corpora for tests. */
public final class Corpus {
  private final Path root;

  public Corpus(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path write(String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void delete(String relative) {
    try {
      Files.delete(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
