package io.stratum.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;

/**
 * One InvokeModel call with a JSON body, retried on throttling and server errors (ingest is long
 * work; a burst of 429s must not drop documents). Failures come back as one message naming the
 * model, the HTTP status, the AWS error code and Bedrock's own words.
 */
final class BedrockInvoker {
  static final int ATTEMPTS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BedrockRuntimeClient client;
  private final Duration backoff;

  BedrockInvoker(BedrockRuntimeClient client, Duration backoff) {
    this.client = client;
    this.backoff = backoff;
  }

  /** A failed call, already worded for the user. */
  static final class InvokeFailure extends RuntimeException {
    InvokeFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  JsonNode invoke(String modelId, JsonNode body) {
    InvokeModelRequest request =
        InvokeModelRequest.builder()
            .modelId(modelId)
            .contentType("application/json")
            .accept("application/json")
            .body(SdkBytes.fromUtf8String(body.toString()))
            .build();
    for (int attempt = 1; ; attempt++) {
      try {
        return JSON.readTree(client.invokeModel(request).body().asByteArray());
      } catch (BedrockRuntimeException e) {
        int status = e.statusCode();
        boolean retryable = status == 429 || status >= 500;
        if (!retryable || attempt == ATTEMPTS) {
          String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
          String words =
              e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
          throw new InvokeFailure(
              "%s: HTTP %d %s: %s%s"
                  .formatted(
                      modelId,
                      status,
                      code,
                      words,
                      retryable ? " (after " + ATTEMPTS + " attempts)" : ""),
              e);
        }
      } catch (SdkException e) {
        if (attempt == ATTEMPTS) {
          throw new InvokeFailure(modelId + ": " + e.getMessage(), e);
        }
      } catch (IOException e) {
        throw new InvokeFailure(modelId + ": the response is not JSON: " + e.getMessage(), e);
      }
      sleep(backoff.multipliedBy(1L << (attempt - 1)));
    }
  }

  static ObjectMapper json() {
    return JSON;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvokeFailure("interrupted while backing off", e);
    }
  }
}
