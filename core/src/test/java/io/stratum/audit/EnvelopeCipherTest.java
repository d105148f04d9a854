package io.stratum.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import io.stratum.testing.MovableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each month's data key is fresh, stored only wrapped, and a changed ciphertext says so. */
class EnvelopeCipherTest {
  @TempDir Path dir;
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));
  TestStores store;
  LocalKeyWrapper master;
  EnvelopeCipher cipher;

  @BeforeEach
  void open() {
    store = TestStores.open(TestDatabases.Engine.SQLITE, dir, clock);
    master = new LocalKeyWrapper(dir.resolve("audit-master.key"));
    cipher = new EnvelopeCipher(store.sql(), master);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<String[]> storedKeys() {
    return store
        .sql()
        .read(
            "read data keys",
            c ->
                c.list(
                    "SELECT period, wrapped_key, master_key_id FROM audit_data_keys ORDER BY period",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}));
  }

  @Test
  void each_month_gets_its_own_random_data_key_stored_wrapped_under_the_named_master_key() {
    String december = cipher.seal("{\"q\":\"one\"}");
    clock.now = Instant.parse("2027-01-02T09:00:00Z");
    String january = cipher.seal("{\"q\":\"one\"}");

    List<String[]> keys = storedKeys();
    assertThat(december).startsWith("v1:2026-12:");
    assertThat(january).startsWith("v1:2027-01:");
    assertThat(keys).extracting(k -> k[0]).containsExactly("2026-12", "2027-01");
    assertThat(keys).allSatisfy(k -> assertThat(k[2]).isEqualTo(master.keyId()));
    assertThat(master.keyId()).matches("local:[0-9a-f]{16}");
    byte[] first = master.unwrap(Base64.getDecoder().decode(keys.get(0)[1]));
    byte[] second = master.unwrap(Base64.getDecoder().decode(keys.get(1)[1]));
    assertThat(first).hasSize(32).isNotEqualTo(second).isNotEqualTo(new byte[32]);
    assertThat(cipher.open(december)).isEqualTo("{\"q\":\"one\"}");
    assertThat(cipher.open(january)).isEqualTo("{\"q\":\"one\"}");
  }

  @Test
  void the_same_data_key_wrapped_twice_gives_two_different_wrappings() {
    byte[] key = new byte[32];

    assertThat(master.wrap(key)).isNotEqualTo(master.wrap(key));
    assertThat(master.unwrap(master.wrap(key))).isEqualTo(key);
  }

  @Test
  void a_changed_ciphertext_fails_to_decrypt_saying_so_and_a_foreign_text_is_not_sealed() {
    String sealed = cipher.seal("{\"q\":\"secret\"}");
    String[] p = sealed.split(":", 4);
    byte[] ct = Base64.getDecoder().decode(p[3]);
    ct[0] ^= 1;
    String changed = p[0] + ":" + p[1] + ":" + p[2] + ":" + Base64.getEncoder().encodeToString(ct);

    assertThatThrownBy(() -> cipher.open(changed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("audit body decryption failed: ");
    assertThatThrownBy(() -> cipher.open("v2:2026-12:a:b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a sealed audit body");
    assertThatThrownBy(() -> cipher.open("v1:2026-12")).hasMessage("not a sealed audit body");
  }
}
