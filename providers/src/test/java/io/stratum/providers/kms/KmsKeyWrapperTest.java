package io.stratum.providers.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.audit.EnvelopeCipher;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Audit data keys wrapped by KMS through the real AWS SDK, against the simulator's KMS. */
class KmsKeyWrapperTest {
  static final String ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  @TempDir Path dir;

  private static KmsKeyWrapper wrapper(BedrockSimulator sim, String arn) {
    return KmsKeyWrapper.create(
        arn,
        sim.region(),
        sim.endpoint(),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(sim.accessKeyId(), sim.secretKey())));
  }

  @Test
  void bodies_sealed_under_a_kms_wrapped_data_key_open_again_after_a_restart() {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        Database store = Database.sqliteIn(dir)) {
      String sealed = new EnvelopeCipher(store.sql(), wrapper(sim, ARN)).seal("the answer");

      String opened = new EnvelopeCipher(store.sql(), wrapper(sim, ARN)).open(sealed);

      assertThat(opened).isEqualTo("the answer");
      assertThat(sim.requests())
          .extracting(r -> r.headers().get("x-amz-target").get(0))
          .containsExactly("TrentService.Encrypt", "TrentService.Decrypt");
      assertThat(sim.requests()).allSatisfy(r -> assertThat(r.auth()).isEqualTo("sigv4:kms"));
    }
  }

  @Test
  void a_key_kms_does_not_know_is_an_error_naming_it() {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        Database store = Database.sqliteIn(dir)) {
      EnvelopeCipher cipher = new EnvelopeCipher(store.sql(), wrapper(sim, "not-a-key"));

      assertThatThrownBy(() -> cipher.seal("x"))
          .hasMessageStartingWith(
              "cannot wrap an audit data key with KMS key not-a-key: Invalid keyId 'not-a-key'");
    }
  }
}
