package io.stratum.providers.bedrock;

import io.stratum.catalog.Backend;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.Plan;
import io.stratum.dispatch.Transport;

/**
 * A transport whose API key may have been rotated: a request Bedrock refuses (401/403) is sent once
 * more when the key, read again where it lives, has changed. A refusal arrives before any byte of
 * an answer, so nothing was streamed yet.
 */
final class RenewingKeyTransport implements Transport {
  private final Transport delegate;
  private final ApiKey key;

  RenewingKeyTransport(Transport delegate, ApiKey key) {
    this.delegate = delegate;
    this.key = key;
  }

  @Override
  public Backend backend() {
    return delegate.backend();
  }

  @Override
  public ChatResult call(Plan plan, ChatRequest request, boolean stream, Sink sink) {
    String used = key.current();
    try {
      return delegate.call(plan, request, stream, sink);
    } catch (DispatchException.AccessDenied e) {
      if (!key.renewAfterRejection(used)) {
        throw e;
      }
      return delegate.call(plan, request, stream, sink);
    }
  }
}
