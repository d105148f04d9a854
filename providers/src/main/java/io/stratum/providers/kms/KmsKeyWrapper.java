package io.stratum.providers.kms;

import io.stratum.audit.EnvelopeCipher;
import io.stratum.providers.AwsClients;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The customer key in AWS KMS ({@code kms_key_arn}): audit data keys are wrapped with {@code
 * Encrypt} and unwrapped with {@code Decrypt}, under an encryption context that names their use, so
 * a wrapped key lifted from the database cannot be decrypted for anything else.
 */
public final class KmsKeyWrapper implements EnvelopeCipher.KeyWrapper {
  static final Map<String, String> CONTEXT = Map.of("stratum:purpose", "audit-data-key");
  private final KmsClient kms;
  private final String keyArn;

  KmsKeyWrapper(KmsClient kms, String keyArn) {
    this.kms = kms;
    this.keyArn = keyArn;
  }

  /**
   * @param endpoint overrides {@code https://kms.<region>.amazonaws.com} (a VPC endpoint, or the
   *     simulator), or null
   * @param credentials SigV4 credentials; null for the default chain
   */
  public static KmsKeyWrapper create(
      String keyArn, String region, URI endpoint, AwsCredentialsProvider credentials) {
    return new KmsKeyWrapper(
        AwsClients.build(KmsClient.builder(), region, endpoint, credentials), keyArn);
  }

  @Override
  public String keyId() {
    return keyArn;
  }

  @Override
  public byte[] wrap(byte[] dataKey) {
    try {
      return kms.encrypt(
              r ->
                  r.keyId(keyArn)
                      .plaintext(SdkBytes.fromByteArray(dataKey))
                      .encryptionContext(CONTEXT))
          .ciphertextBlob()
          .asByteArray();
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot wrap an audit data key with KMS key " + keyArn + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped) {
    try {
      return kms.decrypt(
              r ->
                  r.keyId(keyArn)
                      .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                      .encryptionContext(CONTEXT))
          .plaintext()
          .asByteArray();
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot unwrap an audit data key with KMS key " + keyArn + ": " + e.getMessage(), e);
    }
  }
}
