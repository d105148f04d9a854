package io.stratum.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void defaults_to_stratum_data_and_port_8080() {
    Settings s = Settings.resolve(null, null, Map.of());

    assertThat(s.dataDir()).isEqualTo(Path.of("stratum-data").toAbsolutePath());
    assertThat(s.port()).isEqualTo(8080);
  }

  @Test
  void the_environment_overrides_the_defaults_and_flags_override_the_environment() {
    Map<String, String> env = Map.of("STRATUM_DATA", "/srv/s", "STRATUM_PORT", "9000");

    assertThat(Settings.resolve(null, null, env)).isEqualTo(new Settings(Path.of("/srv/s"), 9000));
    assertThat(Settings.resolve(Path.of("/x"), 7000, env))
        .isEqualTo(new Settings(Path.of("/x"), 7000));
  }

  @Test
  void reports_every_bad_value_at_once_naming_its_source() {
    assertThatThrownBy(() -> Settings.resolve(null, 70000, Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessage("--port: expected a port number from 0 to 65535, got '70000'");
    assertThatThrownBy(() -> Settings.resolve(null, null, Map.of("STRATUM_PORT", "http")))
        .hasMessage("STRATUM_PORT: expected a port number from 0 to 65535, got 'http'");
  }
}
