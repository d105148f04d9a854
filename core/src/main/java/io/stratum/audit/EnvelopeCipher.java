package io.stratum.audit;

import io.stratum.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
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

  /** The period's data key: unwrapped from the store, or made, wrapped and stored. */
  private SecretKey key(String period) {
    return keys.computeIfAbsent(
        period,
        p ->
            sql.write(
                "get the audit data key for " + p,
                c -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT wrapped_key FROM audit_data_keys WHERE period = ?")) {
                    ps.setString(1, p);
                    try (ResultSet rs = ps.executeQuery()) {
                      if (rs.next()) {
                        return new SecretKeySpec(
                            wrapper.unwrap(Base64.getDecoder().decode(rs.getString(1))), "AES");
                      }
                    }
                  }
                  byte[] fresh = new byte[32];
                  RANDOM.nextBytes(fresh);
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "INSERT INTO audit_data_keys (period, wrapped_key, master_key_id, created_at)"
                              + " VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, p);
                    ps.setString(2, Base64.getEncoder().encodeToString(wrapper.wrap(fresh)));
                    ps.setString(3, wrapper.keyId());
                    ps.setTimestamp(4, Timestamp.from(sql.clock().instant()));
                    ps.executeUpdate();
                  }
                  return new SecretKeySpec(fresh, "AES");
                }));
  }
}
