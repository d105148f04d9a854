package io.stratum.providers.openai;

import io.stratum.dispatch.DispatchException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** How requests to the OpenAI-compatible surfaces are authenticated. */
public sealed interface OpenAiAuth {
  /** How a missing-credentials failure begins, so a command can print it once and stop. */
  String NO_CREDENTIALS = "no AWS credentials found";

  /**
   * The AWS SDK found no credentials anywhere in its chain: one line naming what to set, instead of
   * the chain's report on every provider it tried; not worth retrying.
   */
  static DispatchException.AccessDenied missingCredentials(SdkClientException e) {
    return new DispatchException.AccessDenied(
        NO_CREDENTIALS
            + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or"
            + " AWS_BEARER_TOKEN_BEDROCK for a Bedrock API key",
        null,
        null);
  }

  /** Whether {@code e} is the AWS SDK finding no credentials in its chain. */
  static boolean noCredentials(Throwable e) {
    return e instanceof SdkClientException
        && String.valueOf(e.getMessage()).startsWith("Unable to load credentials");
  }

  /** Adds authentication for this exact POST (the body is final: SigV4 signs it). */
  default void apply(HttpRequest.Builder request, URI uri, byte[] body) {
    apply(request, SdkHttpMethod.POST, uri, body);
  }

  /** Adds authentication for this exact request. */
  void apply(HttpRequest.Builder request, SdkHttpMethod method, URI uri, byte[] body);

  /** A Bedrock API key as {@code Authorization: Bearer}; read on each call so rotation applies. */
  record Bearer(Supplier<String> key) implements OpenAiAuth {
    @Override
    public void apply(HttpRequest.Builder request, SdkHttpMethod method, URI uri, byte[] body) {
      request.header("Authorization", "Bearer " + key.get());
    }
  }

  /**
   * SigV4 with the AWS SDK's signer. Only headers that reach the server unchanged are signed: the
   * host, content type and, with temporary credentials, the session token; the HTTP client sets the
   * rest itself.
   */
  record SigV4(AwsCredentialsProvider credentials, String region, String signingName)
      implements OpenAiAuth {
    @Override
    public void apply(HttpRequest.Builder request, SdkHttpMethod method, URI uri, byte[] body) {
      String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      SdkHttpRequest.Builder b =
          SdkHttpRequest.builder().uri(uri).method(method).putHeader("Host", host);
      if (method == SdkHttpMethod.POST) {
        b.putHeader("Content-Type", "application/json"); // a GET carries no body, and no type
      }
      SdkHttpRequest unsigned = b.build();
      // the credentials as resolved: temporary ones keep their session token, which the signer
      // sends (and signs) as x-amz-security-token
      AwsCredentialsIdentity c;
      try {
        c = credentials.resolveCredentials();
      } catch (SdkClientException e) {
        throw missingCredentials(e);
      }
      SignedRequest signed =
          AwsV4HttpSigner.create()
              .sign(
                  r ->
                      r.identity(c)
                          .request(unsigned)
                          .payload(ContentStreamProvider.fromByteArray(body))
                          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                          .putProperty(AwsV4HttpSigner.REGION_NAME, region));
      signed
          .request()
          .headers()
          .forEach(
              (k, vs) -> {
                if (!List.of("host", "content-type", "content-length")
                    .contains(k.toLowerCase(Locale.ROOT))) {
                  vs.forEach(v -> request.header(k, v));
                }
              });
    }
  }
}
