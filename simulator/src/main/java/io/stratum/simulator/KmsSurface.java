package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS KMS {@code Encrypt} and {@code Decrypt} (AWS JSON 1.1, {@code X-Amz-Target: TrentService.*},
 * SigV4 service {@code kms}), enough for envelope encryption: a key is any well-formed key ARN, key
 * id or alias; its material is derived from its name. The ciphertext blob names its key, and the
 * encryption context must match on decrypt, as in KMS.
 */
final class KmsSurface {
  private static final Pattern KEY =
      Pattern.compile(
          "(arn:aws:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-f-]{36}|alias/[\\w/-]+))|[0-9a-f-]{36}|alias/[\\w/-]+");
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ObjectMapper json;

  KmsSurface(ObjectMapper json) {
    this.json = json;
  }

  void handle(String target, JsonNode body, SimExchange out) {
    switch (target) {
      case "TrentService.Encrypt" -> encrypt(body, out);
      case "TrentService.Decrypt" -> decrypt(body, out);
      default ->
          throw new SimError(
              400, "UnknownOperationException", "Unknown operation " + target + " (simulated KMS)");
    }
  }

  private void encrypt(JsonNode body, SimExchange out) {
    String keyId = body.path("KeyId").asText("");
    if (!KEY.matcher(keyId).matches()) {
      throw new SimError(400, "NotFoundException", "Invalid keyId '" + keyId + "'");
    }
    byte[] plain = Base64.getDecoder().decode(body.path("Plaintext").asText(""));
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    byte[] ct = gcm(Cipher.ENCRYPT_MODE, keyId, iv, context(body), plain);
    byte[] name = keyId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer blob = ByteBuffer.allocate(2 + name.length + iv.length + ct.length);
    blob.putShort((short) name.length).put(name).put(iv).put(ct);
    ObjectNode reply = json.createObjectNode();
    reply.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob.array()));
    reply.put("KeyId", keyId);
    reply.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    out.json(200, reply.toString(), Map.of());
  }

  private void decrypt(JsonNode body, SimExchange out) {
    ByteBuffer blob =
        ByteBuffer.wrap(Base64.getDecoder().decode(body.path("CiphertextBlob").asText("")));
    byte[] plain;
    String keyId;
    try {
      byte[] name = new byte[blob.getShort()];
      blob.get(name);
      keyId = new String(name, StandardCharsets.UTF_8);
      byte[] iv = new byte[12];
      blob.get(iv);
      byte[] ct = new byte[blob.remaining()];
      blob.get(ct);
      plain = gcm(Cipher.DECRYPT_MODE, keyId, iv, context(body), ct);
    } catch (RuntimeException e) {
      throw new SimError(400, "InvalidCiphertextException", null);
    }
    ObjectNode reply = json.createObjectNode();
    reply.put("Plaintext", Base64.getEncoder().encodeToString(plain));
    reply.put("KeyId", keyId);
    reply.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    out.json(200, reply.toString(), Map.of());
  }

  private static String context(JsonNode body) {
    Map<String, String> sorted = new TreeMap<>();
    body.path("EncryptionContext")
        .fields()
        .forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    return sorted.toString();
  }

  private static byte[] gcm(int mode, String keyId, byte[] iv, String context, byte[] input) {
    try {
      byte[] material =
          MessageDigest.getInstance("SHA-256")
              .digest(("sim-kms:" + keyId).getBytes(StandardCharsets.UTF_8));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(material, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
