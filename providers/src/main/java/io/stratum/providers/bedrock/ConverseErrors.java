package io.stratum.providers.bedrock;

import io.stratum.dispatch.DispatchException;
import io.stratum.providers.openai.OpenAiAuth;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** The one place AWS SDK errors become {@link DispatchException}s. */
final class ConverseErrors {
  private ConverseErrors() {}

  static DispatchException map(Throwable t, String modelId) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof DispatchException d) {
      return d;
    }
    if (e instanceof AwsServiceException s) {
      String type =
          s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
      String message =
          modelId
              + ": "
              + type
              + ": "
              + (s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage());
      String id = s.requestId();
      int status = s.statusCode();
      if (status == 429
          || type.equals("ThrottlingException")
          || type.equals("throttlingException")) {
        Duration retryAfter =
            s.awsErrorDetails() == null || s.awsErrorDetails().sdkHttpResponse() == null
                ? null
                : s.awsErrorDetails()
                    .sdkHttpResponse()
                    .firstMatchingHeader("Retry-After")
                    .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                    .orElse(null);
        if (type.equals("ModelNotReadyException")) {
          return new DispatchException.ModelNotReady(message, id, s);
        }
        return new DispatchException.Throttled(message, id, retryAfter, s);
      }
      if (status == 401 || status == 403) {
        return new DispatchException.AccessDenied(message, id, s);
      }
      if (status == 404 || type.equals("ResourceNotFoundException")) {
        return new DispatchException.ModelNotReady(message, id, s);
      }
      if (status >= 500 || status == 408 || status == 424) {
        return new DispatchException.Retriable(message, id, s);
      }
      return new DispatchException.InvalidRequest(message, id, s);
    }
    if (OpenAiAuth.noCredentials(e)) {
      return OpenAiAuth.missingCredentials((SdkClientException) e);
    }
    if (e instanceof SdkException) {
      return new DispatchException.Retriable(modelId + ": " + e.getMessage(), null, e);
    }
    return new DispatchException.Retriable(modelId + ": " + e, null, e);
  }
}
