package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command's token comes from, and what it says about each place. */
class SecretTest {
  private static final Secret TOKEN = new Secret("--token", "STRATUM_TOKEN");
  private static final Map<String, String> ENV = Map.of("STRATUM_TOKEN", "stt_from_env");
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private Path file(String text, String mode) throws Exception {
    Path f = Files.writeString(dir.resolve("token"), text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  private String resolve(String argument, Path file, Map<String, String> env) {
    return TOKEN.resolve(argument, file, env, new PrintWriter(err, true));
  }

  @Test
  void the_environment_serves_when_neither_argument_nor_file_is_given_and_says_nothing() {
    assertThat(resolve(null, null, ENV)).isEqualTo("stt_from_env");
    assertThat(resolve(null, null, Map.of())).isNull();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void a_file_gives_its_first_line_stripped_over_the_environment() throws Exception {
    Path f = file("  stt_from_file  \nanything else\n", "rw-------");

    assertThat(resolve(null, f, ENV)).isEqualTo("stt_from_file");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void an_argument_works_and_warns_that_every_user_can_see_it() {
    assertThat(resolve("stt_from_argument", null, ENV)).isEqualTo("stt_from_argument");
    assertThat(err.toString())
        .isEqualTo(
            "stratum: warning: --token on the command line is visible to every user of this"
                + " machine (ps, /proc/PID/cmdline); use --token-file FILE or STRATUM_TOKEN"
                + " instead\n");
  }

  @Test
  void a_file_others_may_read_is_refused_naming_it_and_its_mode() throws Exception {
    Path f = file("stt_x\n", "rw-r-----");

    assertThatThrownBy(() -> resolve(null, f, ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--token-file "
                + f
                + ": mode 0640 (rw-r-----) lets other users read it; make it yours alone: chmod 600 "
                + f);
  }

  @Test
  void a_missing_or_empty_file_and_both_places_at_once_are_refused_by_name() throws Exception {
    Path empty = file("\nstt_on_line_two\n", "r--------");

    assertThatThrownBy(() -> resolve(null, dir.resolve("nope"), ENV))
        .hasMessage("--token-file " + dir.resolve("nope") + ": no such file");
    assertThatThrownBy(() -> resolve(null, empty, ENV))
        .hasMessage("--token-file " + empty + ": the first line is empty; put the token there");
    assertThatThrownBy(() -> resolve("stt_a", empty, ENV))
        .hasMessage("give --token or --token-file, not both");
  }
}
