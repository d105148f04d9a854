package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.access.IssuedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTokensTest {
  @TempDir Path data;

  private static IssuedToken token(String principal, String secret) {
    return new IssuedToken("id-" + principal, principal, "demo", secret, Instant.now());
  }

  @Test
  void nothing_is_kept_in_a_new_data_directory() {
    assertThat(new DemoTokens(data).kept()).isEmpty();
  }

  @Test
  void kept_tokens_are_read_back_by_principal_from_files_only_their_owner_may_read()
      throws Exception {
    DemoTokens tokens = new DemoTokens(data);

    tokens.keep(
        List.of(token("operations-member", "stt_one"), token("security-member", "stt_two")));

    assertThat(new DemoTokens(data).kept())
        .containsExactly(
            Map.entry("operations-member", "stt_one"), Map.entry("security-member", "stt_two"));
    Path dir = data.resolve("demo-tokens");
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("operations-member.token"))).isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("security-member.token"))).isEqualTo("stt_two\n");
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void a_new_token_replaces_the_kept_one_and_leaves_no_temporary_file() throws Exception {
    DemoTokens tokens = new DemoTokens(data);
    tokens.keep(List.of(token("operations-member", "stt_old")));

    tokens.keep(List.of(token("operations-member", "stt_new")));

    assertThat(tokens.kept()).containsExactly(Map.entry("operations-member", "stt_new"));
    try (var files = Files.list(data.resolve("demo-tokens"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactly("operations-member.token");
    }
  }
}
