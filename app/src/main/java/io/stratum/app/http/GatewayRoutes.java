package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.access.Bearer;
import io.stratum.app.Stratum;
import io.stratum.app.api.BearerAuth;
import io.stratum.app.api.OpenAiError;
import io.stratum.app.openai.OpenAiApi;
import io.stratum.app.usecase.Gateway;
import io.stratum.dispatch.ChatEvent;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible gateway's routes ({@code /v1}): a Stratum API token as the API key, the
 * request read by {@link OpenAiApi}, the call made by the {@link Gateway} use case, the answer
 * rendered in OpenAI's shape, streamed or whole. The parameters dropped for the model are named in
 * the {@value OpenAiApi#DROPPED_HEADER} header, before the first byte of a stream.
 */
record GatewayRoutes(Stratum stratum) {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);

  /** The header naming the workspace a call bills, for a token bound to none. */
  static final String WORKSPACE_HEADER = "X-Stratum-Workspace";

  private static final String CHAT_EXAMPLE =
      "{\"model\": \"stratum-advanced\", \"messages\": [{\"role\": \"user\", \"content\": \"...\"}]}";
  private static final String RESPONSES_EXAMPLE =
      "{\"model\": \"stratum-advanced\", \"input\": \"...\"}";

  /** Signs the caller in with its token (an OpenAI client's API key), before the route runs. */
  void authenticate(Context ctx) {
    Bearer b = BearerAuth.credential(stratum.signIn(), ctx.header("Authorization"), "gateway: ");
    ctx.attribute("bearer", b);
    ctx.attribute("principal", b.principal());
  }

  void models(Context ctx) {
    Routes.json(ctx, OpenAiApi.models(stratum.gateway().models()));
  }

  void chat(Context ctx) {
    run(ctx, OpenAiApi.chat(RequestBody.parse(ctx, CHAT_EXAMPLE).node()));
  }

  void responses(Context ctx) {
    run(ctx, OpenAiApi.responses(RequestBody.parse(ctx, RESPONSES_EXAMPLE).node()));
  }

  private void run(Context ctx, OpenAiApi.Request req) {
    Bearer bearer = ctx.attribute("bearer");
    String workspace = ctx.header(WORKSPACE_HEADER);
    if (!req.call().stream()) {
      Gateway.Done d = stratum.gateway().call(bearer, workspace, req.call(), e -> {});
      dropped(ctx, req.dropped(d.result().droppedParams()));
      Routes.json(ctx, req.body(d.result()));
      return;
    }
    SseStream sse = new SseStream(ctx, HttpApi.JSON);
    OpenAiApi.Sse out = frames(sse);
    Consumer<ChatEvent> writer = req.stream(out);
    try {
      stratum
          .gateway()
          .call(
              bearer,
              workspace,
              req.call(),
              event -> {
                if (event instanceof ChatEvent.Planned p) {
                  dropped(ctx, req.dropped(p.droppedParams()));
                }
                writer.accept(event);
              });
    } catch (RuntimeException e) {
      if (!sse.started()) {
        throw e; // nothing sent yet: an ordinary error response
      }
      OpenAiError error = OpenAiError.of(e);
      if (error.internal()) {
        LOG.error("gateway stream {} failed: {}", ctx.path(), error.message(), e);
      }
      req.failed(out, error);
    }
  }

  private static void dropped(Context ctx, String names) {
    if (!names.isEmpty()) {
      ctx.header(OpenAiApi.DROPPED_HEADER, names);
    }
  }

  private static OpenAiApi.Sse frames(SseStream sse) {
    return new OpenAiApi.Sse() {
      @Override
      public void data(Object json) {
        sse.data(json);
      }

      @Override
      public void event(String type, Object json) {
        sse.send(type, json);
      }

      @Override
      public void comment(String text) {
        sse.comment(text);
      }

      @Override
      public void done() {
        sse.done();
      }
    };
  }
}
