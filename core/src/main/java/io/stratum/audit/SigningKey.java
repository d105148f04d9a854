package io.stratum.audit;

import io.stratum.store.BodyCipher;
import io.stratum.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Ed25519 key that signs the audit chain's checkpoints and head. With a body cipher it lives in
 * the database ({@code audit_signing_keys}), its private half sealed by the cipher, so every server
 * over one database signs with the same key and verifies what any other signed; a reader of the
 * database who cannot use the customer's key can neither sign nor substitute a pair of its own (a
 * stored public key that does not match the sealed private key is refused). Without a cipher it is
 * a file in the data directory, as it was before several servers could share a database.
 */
final class SigningKey {
  private SigningKey() {}

  /**
   * The database's key: the one stored, else the pair in {@code legacyFile} (an older server's key,
   * so its checkpoints still verify), else a new one. The first server to store one wins; the
   * others read it.
   */
  static KeyPair shared(Sql sql, BodyCipher cipher, Path legacyFile) {
    Optional<KeyPair> stored = read(sql, cipher);
    if (stored.isPresent()) {
      return stored.get();
    }
    KeyPair candidate = Files.exists(legacyFile) ? fromFile(legacyFile) : generate();
    String sealed = cipher.seal(b64(candidate.getPrivate().getEncoded()));
    sql.update(
        "store the audit signing key",
        c -> {
          c.lock("audit-signing-key");
          if (c.one("SELECT key_id FROM audit_signing_keys", rs -> rs.getString(1)).isEmpty()) {
            c.update(
                "INSERT INTO audit_signing_keys (key_id, public_key, sealed_private_key, created_at)"
                    + " VALUES (?, ?, ?, ?)",
                keyId(candidate),
                b64(candidate.getPublic().getEncoded()),
                sealed,
                Timestamp.from(sql.clock().instant()));
          }
        });
    return read(sql, cipher).orElseThrow();
  }

  /** The id recorded with each checkpoint: the start of the public key's SHA-256. */
  static String keyId(KeyPair pair) {
    return AuditLog.sha256(pair.getPublic().getEncoded()).substring(0, 16);
  }

  private static Optional<KeyPair> read(Sql sql, BodyCipher cipher) {
    Optional<String[]> row =
        sql.read(
            "read the audit signing key",
            c ->
                c.one(
                    "SELECT key_id, public_key, sealed_private_key FROM audit_signing_keys"
                        + " ORDER BY created_at LIMIT 1",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}));
    return row.map(r -> open(r, cipher));
  }

  private static KeyPair open(String[] row, BodyCipher cipher) {
    KeyPair pair;
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519");
      PrivateKey priv =
          kf.generatePrivate(
              new PKCS8EncodedKeySpec(Base64.getDecoder().decode(cipher.open(row[2]))));
      PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(row[1])));
      pair = new KeyPair(pub, priv);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(
          "the audit signing key "
              + row[0]
              + " in the database does not open: "
              + e.getMessage()
              + ". Servers that share a database must share the key that seals it: the same"
              + " kms_key_arn on each, or the same audit-master.key in each data directory",
          e);
    }
    if (!matches(pair) || !keyId(pair).equals(row[0])) {
      throw new IllegalStateException(
          "the audit signing key "
              + row[0]
              + " in the database is not one pair: its public key or id was replaced");
    }
    return pair;
  }

  private static boolean matches(KeyPair pair) {
    try {
      byte[] probe = "stratum audit signing key".getBytes(StandardCharsets.UTF_8);
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(pair.getPrivate());
      s.update(probe);
      byte[] signature = s.sign();
      s.initVerify(pair.getPublic());
      s.update(probe);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static KeyPair fromFile(Path file) {
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519");
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        PrivateKey priv =
            kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0))));
        PublicKey pub =
            kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1))));
        return new KeyPair(pub, priv);
      }
      KeyPair pair = generate();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
              + "\n"
              + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
              + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own permissions protect it
      }
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the audit signing key " + file, e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(
          "the audit signing key " + file + " is not a valid Ed25519 key pair: " + e.getMessage(),
          e);
    }
  }
}
