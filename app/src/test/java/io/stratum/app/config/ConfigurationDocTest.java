package io.stratum.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.app.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The key table in {@code docs/reference/configuration.md} is the registry's. Regenerate it after
 * changing {@link ConfigKeys} with {@value #REGENERATE}.
 */
class ConfigurationDocTest {
  static final String REGENERATE =
      "./mvnw -B -q -pl app -am test -Dtest=ConfigurationDocTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dstratum.docs.write=true";

  @Test
  void the_configuration_page_lists_exactly_the_keys_the_registry_declares() throws Exception {
    Path page =
        Path.of(System.getProperty("stratum.root", ".."), "docs", "reference", "configuration.md")
            .toAbsolutePath()
            .normalize();
    String markdown = Files.readString(page);
    String generated = ConfigDocs.table(ConfigKeys.KEYS.keys(), Engine.PROVIDERS);
    if (Boolean.getBoolean("stratum.docs.write")) {
      Files.writeString(page, ConfigDocs.withTable(markdown, generated));
      markdown = Files.readString(page);
    }

    assertThat(ConfigDocs.tableIn(markdown))
        .as(
            "%s: the key table is not the one ConfigKeys declares; regenerate it with: %s",
            page, REGENERATE)
        .isEqualTo(generated);
  }
}
