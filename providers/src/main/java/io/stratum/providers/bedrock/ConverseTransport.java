package io.stratum.providers.bedrock;

import io.stratum.catalog.Backend;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.Plan;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.ToolCall;
import io.stratum.dispatch.Transport;
import io.stratum.dispatch.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Converse and ConverseStream through the AWS SDK for Java v2. Reasoning goes in {@code
 * additionalModelRequestFields} (or {@code outputConfig.effort} for adaptive Claude) as the plan
 * says. A stream that ends without {@code messageStop} and {@code metadata} is a failure: the SDK
 * completes normally when a connection is cut mid-frame, so this checks for itself.
 */
public final class ConverseTransport implements Transport {
  private final BedrockRuntimeClient sync;
  private final BedrockRuntimeAsyncClient async;

  public ConverseTransport(BedrockRuntimeClient sync, BedrockRuntimeAsyncClient async) {
    this.sync = sync;
    this.async = async;
  }

  @Override
  public Backend backend() {
    return Backend.CONVERSE;
  }

  @Override
  public ChatResult call(Plan plan, ChatRequest req, boolean stream, Sink sink) {
    long start = System.nanoTime();
    try {
      return stream ? stream(plan, req, sink, start) : once(plan, req, start);
    } catch (RuntimeException e) {
      throw ConverseErrors.map(e, plan.modelId());
    }
  }

  /** The request, built once; the stream variant copies it. */
  private static ConverseRequest request(Plan plan, ChatRequest req) {
    ConverseRequest.Builder b =
        ConverseRequest.builder()
            .modelId(plan.modelId())
            .system(ConverseMapper.system(req))
            .messages(ConverseMapper.messages(req))
            .inferenceConfig(ConverseMapper.inference(plan));
    if (ConverseMapper.hasAdditionalFields(plan)) {
      b.additionalModelRequestFields(ConverseMapper.additionalFields(plan));
    }
    if (plan.thinking() == Plan.Thinking.ADAPTIVE && plan.effort() != null) {
      b.outputConfig(OutputConfig.builder().effort(plan.effort()).build());
    }
    if (!req.tools().isEmpty()) {
      b.toolConfig(ConverseMapper.tools(req.tools()));
    }
    return b.build();
  }

  private ChatResult once(Plan plan, ChatRequest req, long start) {
    ConverseResponse r = sync.converse(request(plan, req));
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (ContentBlock c : r.output().message().content()) {
      if (c.text() != null) {
        text.append(c.text());
      } else if (c.reasoningContent() != null && c.reasoningContent().reasoningText() != null) {
        reasoning.append(c.reasoningContent().reasoningText().text());
      } else if (c.toolUse() != null) {
        calls.add(
            new ToolCall(
                c.toolUse().toolUseId(),
                c.toolUse().name(),
                ConverseMapper.json(c.toolUse().input())));
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return result(
        plan,
        text.toString(),
        reasoning.toString(),
        calls,
        ConverseMapper.stop(r.stopReasonAsString()),
        usage(r.usage()),
        took,
        took);
  }

  private ChatResult stream(Plan plan, ChatRequest req, Sink sink, long start) {
    ConverseRequest once = request(plan, req);
    ConverseStreamRequest streamRequest =
        ConverseStreamRequest.builder()
            .modelId(once.modelId())
            .system(once.system())
            .messages(once.messages())
            .inferenceConfig(once.inferenceConfig())
            .additionalModelRequestFields(once.additionalModelRequestFields())
            .outputConfig(once.outputConfig())
            .toolConfig(once.toolConfig())
            .build();
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    Map<Integer, String[]> tools = new HashMap<>(); // index -> {id, name, input so far}
    String[] stop = {null};
    TokenUsage[] usage = {null};
    long[] firstByte = {0};
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(
                ConverseStreamResponseHandler.Visitor.builder()
                    .onMessageStart(e -> alive(sink, firstByte, start))
                    .onContentBlockStart(
                        e -> {
                          alive(sink, firstByte, start);
                          if (e.start() != null && e.start().toolUse() != null) {
                            tools.put(
                                e.contentBlockIndex(),
                                new String[] {
                                  e.start().toolUse().toolUseId(), e.start().toolUse().name(), ""
                                });
                          }
                        })
                    .onContentBlockDelta(
                        e -> {
                          alive(sink, firstByte, start);
                          if (e.delta().text() != null) {
                            text.append(e.delta().text());
                            sink.accept(new ChatEvent.TextDelta(e.delta().text()));
                          } else if (e.delta().reasoningContent() != null
                              && e.delta().reasoningContent().text() != null) {
                            reasoning.append(e.delta().reasoningContent().text());
                            sink.accept(
                                new ChatEvent.ReasoningDelta(e.delta().reasoningContent().text()));
                          } else if (e.delta().toolUse() != null) {
                            String[] t = tools.get(e.contentBlockIndex());
                            if (t != null) {
                              t[2] += e.delta().toolUse().input();
                              sink.accept(
                                  new ChatEvent.ToolCallDelta(
                                      t[0], t[1], e.delta().toolUse().input()));
                            }
                          }
                        })
                    .onContentBlockStop(e -> alive(sink, firstByte, start))
                    .onMessageStop(
                        e -> {
                          alive(sink, firstByte, start);
                          stop[0] = e.stopReasonAsString();
                        })
                    .onMetadata(
                        e -> {
                          alive(sink, firstByte, start);
                          usage[0] = e.usage();
                        })
                    .build())
            .build();
    CompletableFuture<Void> future = async.converseStream(streamRequest, handler);
    try {
      future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new DispatchException.Retriable(plan.modelId() + ": stream interrupted", null, e);
    } catch (ExecutionException e) {
      throw ConverseErrors.map(e, plan.modelId());
    }
    if (stop[0] == null || usage[0] == null) {
      throw new DispatchException.Retriable(
          plan.modelId()
              + ": the ConverseStream ended without "
              + (stop[0] == null ? "messageStop" : "metadata")
              + "; the connection was cut mid-answer",
          null,
          null);
    }
    List<ToolCall> calls = new ArrayList<>();
    tools.values().forEach(t -> calls.add(new ToolCall(t[0], t[1], t[2].isEmpty() ? "{}" : t[2])));
    return result(
        plan,
        text.toString(),
        reasoning.toString(),
        calls,
        ConverseMapper.stop(stop[0]),
        usage(usage[0]),
        Duration.ofNanos(System.nanoTime() - start),
        Duration.ofNanos(firstByte[0]));
  }

  private static void alive(Sink sink, long[] firstByte, long start) {
    if (firstByte[0] == 0) {
      firstByte[0] = System.nanoTime() - start;
    }
    sink.upstreamAlive();
  }

  /** Converse reports thinking inside outputTokens; it has no separate reasoning count. */
  private static Usage usage(TokenUsage u) {
    if (u == null) {
      return Usage.ZERO;
    }
    return new Usage(
        nz(u.inputTokens()),
        nz(u.outputTokens()),
        0,
        nz(u.cacheReadInputTokens()),
        nz(u.cacheWriteInputTokens()));
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static ChatResult result(
      Plan plan,
      String text,
      String reasoning,
      List<ToolCall> calls,
      StopReason stop,
      Usage usage,
      Duration latency,
      Duration firstByte) {
    return new ChatResult(
        text,
        reasoning,
        calls,
        stop,
        usage,
        plan.modelId(),
        Backend.CONVERSE.id(),
        plan.route(),
        plan.dropped(),
        plan.renamed(),
        latency,
        firstByte,
        List.of());
  }
}
