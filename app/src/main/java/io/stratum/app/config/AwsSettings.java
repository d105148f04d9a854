package io.stratum.app.config;

import static io.stratum.app.config.ConfigKeys.MANTLE_API_KEY_SSM_PARAM;
import static io.stratum.app.config.ConfigKeys.MANTLE_ENDPOINT;
import static io.stratum.app.config.ConfigKeys.MANTLE_SIGNING_NAME;
import static io.stratum.app.config.ConfigKeys.MODELS_REFRESH;
import static io.stratum.app.config.ConfigKeys.REGION;
import static io.stratum.app.config.ConfigKeys.RUNTIME_ENDPOINT;
import static io.stratum.app.config.ConfigKeys.SSM_ENDPOINT;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how AWS is reached.
 *
 * @param region {@code aws_region}: Bedrock's, and KMS's and Kinesis's
 * @param runtimeEndpoint overrides bedrock-runtime (Converse), or null
 * @param mantleEndpoint overrides bedrock-mantle (Responses, Chat Completions), or null
 * @param mantleSigningName the SigV4 signing name of the OpenAI-compatible surfaces
 * @param mantleApiKeySsmParam the SSM parameter holding the Bedrock API key, or null
 * @param ssmEndpoint overrides SSM's endpoint, or null
 * @param modelsRefresh how often a server lists Mantle's models, or null for never
 */
public record AwsSettings(
    String region,
    URI runtimeEndpoint,
    URI mantleEndpoint,
    String mantleSigningName,
    String mantleApiKeySsmParam,
    URI ssmEndpoint,
    Duration modelsRefresh) {

  /** Both Bedrock surfaces at {@code endpoint} (e.g. the simulator). */
  public AwsSettings withEndpoint(URI endpoint) {
    return new AwsSettings(
        region,
        endpoint,
        endpoint,
        mantleSigningName,
        mantleApiKeySsmParam,
        ssmEndpoint,
        modelsRefresh);
  }

  static AwsSettings read(Values v) {
    return new AwsSettings(
        v.get(REGION),
        v.get(RUNTIME_ENDPOINT),
        v.get(MANTLE_ENDPOINT),
        v.get(MANTLE_SIGNING_NAME),
        v.get(MANTLE_API_KEY_SSM_PARAM),
        v.get(SSM_ENDPOINT),
        v.get(MODELS_REFRESH));
  }
}
