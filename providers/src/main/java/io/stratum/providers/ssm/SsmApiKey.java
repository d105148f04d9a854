package io.stratum.providers.ssm;

import io.stratum.providers.AwsClients;
import io.stratum.providers.bedrock.ApiKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The Bedrock API key in an SSM SecureString ({@code mantle_api_key_ssm_param}): read with {@code
 * GetParameter} and decryption when created (at startup), cached in memory, and read again when
 * Bedrock refuses it, so a rotation (new key written to the parameter, old one revoked) takes
 * effect at the first refused request instead of at the next restart. The key itself is never
 * logged; its parameter's version is.
 *
 * <pre>{@code
 * ApiKey key = SsmApiKey.read("/prd/stratum/mantle/api-key", "us-east-2", null, null);
 * }</pre>
 */
public final class SsmApiKey implements ApiKey {
  /** Refusals within this long of the last read share it instead of reading again. */
  static final Duration MIN_REREAD = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(SsmApiKey.class);
  private final SsmClient ssm;
  private final String name;
  private final Clock clock;
  private volatile String key;
  private long version;
  private Instant readAt = Instant.MIN;

  SsmApiKey(SsmClient ssm, String name, Clock clock) {
    this.ssm = ssm;
    this.name = name;
    this.clock = clock;
    read();
    LOG.info("read the Bedrock API key from SSM parameter {} (version {})", name, version);
  }

  /**
   * Reads the parameter now.
   *
   * @param endpoint overrides {@code https://ssm.<region>.amazonaws.com} ({@code ssm_endpoint_url}:
   *     a VPC endpoint, or the simulator), or null
   * @param credentials SigV4 credentials; null for the default chain
   * @throws IllegalStateException naming the parameter (never a value) when it cannot be read
   */
  public static SsmApiKey read(
      String name, String region, URI endpoint, AwsCredentialsProvider credentials) {
    return read(name, region, endpoint, credentials, Clock.systemUTC());
  }

  static SsmApiKey read(
      String name, String region, URI endpoint, AwsCredentialsProvider credentials, Clock clock) {
    return new SsmApiKey(
        AwsClients.build(SsmClient.builder(), region, endpoint, credentials), name, clock);
  }

  @Override
  public String current() {
    return key;
  }

  @Override
  public synchronized boolean renewAfterRejection(String rejected) {
    if (!rejected.equals(key)) {
      return true; // another request already read the rotated key
    }
    if (Duration.between(readAt, clock.instant()).compareTo(MIN_REREAD) < 0) {
      return false; // just read: the refusal is not about a stale key
    }
    long before = version;
    read();
    boolean renewed = !rejected.equals(key);
    if (renewed) {
      LOG.info(
          "Bedrock refused the API key; re-read SSM parameter {}: version {} -> {}",
          name,
          before,
          version);
    } else {
      LOG.warn(
          "Bedrock refused the API key, and SSM parameter {} still holds it (version {})",
          name,
          version);
    }
    return renewed;
  }

  private synchronized void read() {
    Parameter p;
    try {
      p = ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter();
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot read the Bedrock API key from SSM parameter "
              + name
              + " (mantle_api_key_ssm_param): "
              + e.getMessage(),
          e);
    }
    if (p.value() == null || p.value().isBlank()) {
      throw new IllegalStateException(
          "SSM parameter " + name + " (mantle_api_key_ssm_param) is empty");
    }
    key = p.value().strip();
    version = p.version() == null ? 0 : p.version();
    readAt = clock.instant();
  }
}
