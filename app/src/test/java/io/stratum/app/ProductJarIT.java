package io.stratum.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar we ship, read after {@code package}: no test framework and no test fixture inside it. The
 * enforcer rule in app/pom.xml stops them reaching the classpath; this checks the artifact.
 */
class ProductJarIT {
  private static final List<String> TEST_ONLY =
      List.of(
          "org/junit/",
          "junit/",
          "org/opentest4j/",
          "org/assertj/",
          "org/mockito/",
          "org/hamcrest/",
          "io/stratum/testkit/",
          "META-INF/maven/io.stratum/stratum-testkit/");

  @Test
  void the_product_jar_has_no_test_framework_and_no_test_fixture_but_has_the_simulator()
      throws Exception {
    Path jar = Path.of("target/stratum.jar");
    assertThat(jar).as("run after package: ./mvnw verify").exists();
    try (JarFile j = new JarFile(jar.toFile())) {
      List<String> names = j.stream().map(ZipEntry::getName).toList();
      assertThat(names)
          .as("test-only classes in %s (%d bytes)", jar, Files.size(jar))
          .filteredOn(n -> TEST_ONLY.stream().anyMatch(n::startsWith))
          .isEmpty();
      assertThat(names)
          .contains(
              "io/stratum/app/cli/Main.class",
              "io/stratum/simulator/BedrockSimulator.class",
              "io/stratum/simulator/sim-models.json");
    }
  }

  @Test
  void the_product_jar_has_natives_for_the_five_platforms_it_runs_on_and_no_debug_symbols()
      throws Exception {
    assertThat(NativeLibraries.in(Path.of("target/stratum.jar")))
        .contains(
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
            "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
            "ai/onnxruntime/native/osx-x64/libonnxruntime.dylib",
            "ai/onnxruntime/native/win-x64/onnxruntime.dll",
            "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
            "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib",
            "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll")
        .noneMatch(n -> n.endsWith(".pdb") || n.contains(".dSYM/"))
        .noneMatch(n -> n.matches(".*(FreeBSD|freebsd|sunos|ppc64|riscv64|s390x|armv7).*"));
  }

  @Test
  void the_sbom_built_with_the_jar_names_its_libraries_with_versions_and_no_test_framework()
      throws Exception {
    Path sbom = Path.of("target/stratum-sbom.json");
    assertThat(sbom).as("run after package: ./mvnw verify").exists();
    JsonNode bom = new ObjectMapper().readTree(sbom.toFile());
    List<String> components = new ArrayList<>();
    bom.path("components")
        .forEach(c -> components.add(c.path("name").asText() + ":" + c.path("version").asText()));

    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(components)
        .anyMatch(c -> c.startsWith("lucene-core:10."))
        .anyMatch(c -> c.startsWith("javalin:"))
        .anyMatch(c -> c.startsWith("bedrockruntime:"))
        .noneMatch(c -> c.startsWith("junit") || c.startsWith("assertj") || c.contains("testkit"))
        .allMatch(c -> !c.endsWith(":"));
  }
}
