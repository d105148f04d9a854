package io.stratum.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The customer key as a local file (32 random bytes, owner-only), for deployments without KMS: data
 * keys are wrapped with AES-GCM under it. Losing the file loses the bodies, not the chain.
 */
public final class LocalKeyWrapper implements EnvelopeCipher.KeyWrapper {
  private final SecretKeySpec key;
  private final String id;

  public LocalKeyWrapper(Path file) {
    try {
      byte[] raw;
      if (Files.exists(file)) {
        raw = Base64.getDecoder().decode(Files.readString(file).strip());
      } else {
        raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's own permissions protect it
        }
      }
      if (raw.length != 32) {
        throw new IllegalStateException(
            "the audit key " + file + " must hold 32 bytes (base64), found " + raw.length);
      }
      this.key = new SecretKeySpec(raw, "AES");
      this.id =
          "local:"
              + HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(raw))
                  .substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the audit key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String keyId() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] dataKey) {
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    byte[] ct = run(Cipher.ENCRYPT_MODE, iv, dataKey);
    byte[] out = new byte[iv.length + ct.length];
    System.arraycopy(iv, 0, out, 0, iv.length);
    System.arraycopy(ct, 0, out, iv.length, ct.length);
    return out;
  }

  @Override
  public byte[] unwrap(byte[] wrapped) {
    byte[] iv = Arrays.copyOfRange(wrapped, 0, 12);
    return run(Cipher.DECRYPT_MODE, iv, Arrays.copyOfRange(wrapped, 12, wrapped.length));
  }

  private byte[] run(int mode, byte[] iv, byte[] input) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, key, new GCMParameterSpec(128, iv));
      return c.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot unwrap an audit data key with " + id + ": wrong key file?", e);
    }
  }
}
