package io.stratum.audit;

import io.stratum.store.BodyCipher;
import io.stratum.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: each UTC month gets a random AES-256 data key, which is stored only wrapped
 * by the customer's key ({@link KeyWrapper}: a local key file by default, KMS in the cloud). Bodies
 * are sealed with AES-GCM under their month's key, with the month as associated data, so a
 * ciphertext moved to another month's records does not open.
 */
public final class EnvelopeCipher implements BodyCipher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int IV_BYTES = 12;
  private final Sql sql;
  private final KeyWrapper wrapper;
  private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

  /** Wraps and unwraps data keys with the customer's key. */
  public interface KeyWrapper {
    /** Names the customer key, recorded beside each wrapped data key. */
    String keyId();

    byte[] wrap(byte[] dataKey);

    byte[] unwrap(byte[] wrapped);
  }

  public EnvelopeCipher(Sql sql, KeyWrapper wrapper) {
    this.sql = sql;
    this.wrapper = wrapper;
  }

  @Override
  public String seal(String plaintext) {
    String period = YearMonth.now(sql.clock().withZone(ZoneOffset.UTC)).toString();
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] ct =
        gcm(
            Cipher.ENCRYPT_MODE,
            key(period),
            iv,
            period,
            plaintext.getBytes(StandardCharsets.UTF_8));
    Base64.Encoder b64 = Base64.getEncoder();
    return "v1:" + period + ":" + b64.encodeToString(iv) + ":" + b64.encodeToString(ct);
  }

  @Override
  public String open(String sealed) {
    String[] p = sealed.split(":", 4);
    if (p.length != 4 || !p[0].equals("v1")) {
      throw new IllegalArgumentException("not a sealed audit body");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    return new String(
        gcm(Cipher.DECRYPT_MODE, key(p[1]), b64.decode(p[2]), p[1], b64.decode(p[3])),
        StandardCharsets.UTF_8);
  }

  private static byte[] gcm(int mode, SecretKey key, byte[] iv, String period, byte[] input) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, key, new GCMParameterSpec(128, iv));
      c.updateAAD(period.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "audit body "
              + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The period's data key: unwrapped from the store, or made, wrapped and stored. It is cached only
   * once stored: inside a transaction that later rolls back, a cached key would seal data under a
   * key no one kept.
   */
  private SecretKey key(String period) {
    SecretKey cached = keys.get(period);
    if (cached != null) {
      return cached;
    }
    SecretKey key =
        sql.write(
            "get the data key for " + period,
            c -> {
              c.lock("data-key");
              Optional<String> stored =
                  c.one(
                      "SELECT wrapped_key FROM audit_data_keys WHERE period = ?",
                      rs -> rs.getString(1),
                      period);
              if (stored.isPresent()) {
                return new SecretKeySpec(
                    wrapper.unwrap(Base64.getDecoder().decode(stored.get())), "AES");
              }
              byte[] fresh = new byte[32];
              RANDOM.nextBytes(fresh);
              c.update(
                  "INSERT INTO audit_data_keys (period, wrapped_key, master_key_id, created_at)"
                      + " VALUES (?, ?, ?, ?)",
                  period,
                  Base64.getEncoder().encodeToString(wrapper.wrap(fresh)),
                  wrapper.keyId(),
                  Timestamp.from(sql.clock().instant()));
              return new SecretKeySpec(fresh, "AES");
            });
    sql.afterCommit(() -> keys.put(period, key));
    return key;
  }
}
