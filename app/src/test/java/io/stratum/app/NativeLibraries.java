package io.stratum.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** The native libraries and debug-symbol files a jar carries, by entry name. */
public final class NativeLibraries {
  private NativeLibraries() {}

  public static List<String> in(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.matches(".*\\.(so|dll|dylib|jnilib|pdb)$") || n.contains(".dSYM/"))
          .toList();
    }
  }
}
