package io.stratum.providers.local;

import io.stratum.catalog.Backend;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.Plan;
import io.stratum.dispatch.Transport;

/** The in-process local answer model as one more backend behind the dispatcher. */
public final class LocalTransport implements Transport {
  private final ModelClient model;

  public LocalTransport(ModelClient model) {
    this.model = model;
  }

  @Override
  public Backend backend() {
    return Backend.LOCAL;
  }

  @Override
  public ChatResult call(Plan plan, ChatRequest request, boolean stream, Sink sink) {
    ChatRequest sized =
        plan.maxOutputTokens() > 0 ? request.withMaxOutputTokens(plan.maxOutputTokens()) : request;
    return model.stream(
        sized,
        e -> {
          if (!(e instanceof ChatEvent.Completed)) {
            sink.accept(e);
          }
        });
  }
}
