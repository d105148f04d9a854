package io.stratum.providers;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/** The settings every synchronous AWS client of ours shares, in one place. */
public final class AwsClients {
  private AwsClients() {}

  /**
   * Sets the region and the Apache HTTP client, and optionally an endpoint and credentials.
   *
   * @param endpoint overrides the service endpoint (a VPC endpoint, or the simulator), or null
   * @param credentials SigV4 credentials; null for the default chain
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String region, URI endpoint, AwsCredentialsProvider credentials) {
    builder.region(Region.of(region)).httpClientBuilder(ApacheHttpClient.builder());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }
}
