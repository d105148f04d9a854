package io.stratum.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.app.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitsTest {
  @TempDir Path dir;

  private ModelConfig load(String tfvars, Map<String, String> env) throws Exception {
    Path f = Files.writeString(dir.resolve("terraform.tfvars"), tfvars);
    return ConfigLoader.load(Optional.of(f), env, Engine.PROVIDERS);
  }

  @Test
  void unset_the_limits_are_1200_requests_per_principal_and_60_failed_sign_ins_per_address()
      throws Exception {
    assertThat(load("", Map.of()).limits())
        .isEqualTo(RateLimits.STANDARD)
        .isEqualTo(new RateLimits(1200, 60, Duration.ofSeconds(60)));
  }

  @Test
  void the_limits_are_read_from_the_file_and_the_environment_wins() throws Exception {
    ModelConfig c =
        load(
            """
            stratum_rate_limit_per_principal_per_minute = 300
            stratum_rate_limit_per_address_per_minute  = 0
            stratum_auth_failure_window_seconds        = 300
            """,
            Map.of("STRATUM_STRATUM_RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE", "600"));

    assertThat(c.limits()).isEqualTo(new RateLimits(600, 0, Duration.ofMinutes(5)));
  }

  @Test
  void bad_limits_are_reported_together_naming_the_key_and_the_value() throws Exception {
    assertThatThrownBy(
            () ->
                load(
                    """
                    stratum_rate_limit_per_principal_per_minute = -1
                    stratum_rate_limit_per_address_per_minute  = 2.5
                    stratum_auth_failure_window_seconds        = 0
                    """,
                    Map.of()))
        .hasMessage(
            String.join(
                "\n",
                "stratum_rate_limit_per_principal_per_minute: expected a whole number >= 0 (0: no limit), got -1 (terraform.tfvars:1)",
                "stratum_rate_limit_per_address_per_minute: expected a whole number >= 0 (0: no limit), got 2.5 (terraform.tfvars:2)",
                "stratum_auth_failure_window_seconds: expected a whole number of seconds from 1 to 3600, got 0 (terraform.tfvars:3)"));
  }
}
