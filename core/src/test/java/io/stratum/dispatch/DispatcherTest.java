package io.stratum.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dispatcher's cross-cutting rules, against scripted transports. */
class DispatcherTest {
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final List<Plan> plans = new CopyOnWriteArrayList<>();

  /** A transport that plays one scripted step per call. */
  private final class Scripted implements Transport {
    private final Backend backend;
    private final List<Step> steps;
    private final AtomicInteger calls = new AtomicInteger();

    Scripted(Step... steps) {
      this(Backend.CONVERSE, steps);
    }

    Scripted(Backend backend, Step... steps) {
      this.backend = backend;
      this.steps = List.of(steps);
    }

    @Override
    public Backend backend() {
      return backend;
    }

    @Override
    public ChatResult call(Plan plan, ChatRequest request, boolean stream, Sink sink) {
      plans.add(plan);
      Step step = steps.get(Math.min(calls.getAndIncrement(), steps.size() - 1));
      try {
        return step.run(plan, sink);
      } catch (InterruptedException e) {
        throw new DispatchException.Retriable("interrupted", null, e);
      }
    }
  }

  private interface Step {
    ChatResult run(Plan plan, Transport.Sink sink) throws InterruptedException;
  }

  private static ChatResult result(String text, StopReason stop) {
    return new ChatResult(
        text,
        "",
        List.of(),
        stop,
        new Usage(3, 2, 0, 0, 0),
        "m",
        "converse",
        "",
        List.of(),
        Map.of(),
        Duration.ZERO,
        Duration.ZERO,
        List.of());
  }

  private static Step answers(String text) {
    return (plan, sink) -> {
      sink.accept(new ChatEvent.TextDelta(text));
      return result(text, StopReason.END_TURN);
    };
  }

  private static Step fails(DispatchException e) {
    return (plan, sink) -> {
      throw e;
    };
  }

  private Dispatcher dispatcher(Transport t, DispatchSettings s) {
    return new Dispatcher(new Planner(ModelCatalog.standard()), List.of(t), s, slept::add);
  }

  private static DispatchSettings fast() {
    return DispatchSettings.defaults(Backend.CONVERSE)
        .withRetries(3, Duration.ofMillis(100))
        .withTimes(
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
  }

  private static final String MODEL = "meta.llama3-3-70b-instruct-v1:0";
  private static final ChatRequest ASK = ChatRequest.of(ChatMessage.user("hi"));

  @Test
  void rule8_retries_throttling_before_the_first_byte_honouring_retry_after() {
    Scripted t =
        new Scripted(
            fails(
                new DispatchException.Throttled("slow down", "req-1", Duration.ofSeconds(2), null)),
            fails(new DispatchException.Retriable("HTTP 503", "req-2", null)),
            answers("ok"));

    ChatResult r = dispatcher(t, fast()).client(MODEL, null).chat(ASK);

    assertThat(r.text()).isEqualTo("ok");
    assertThat(t.calls).hasValue(3);
    assertThat(slept.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(slept.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
    assertThat(r.notes()).hasSize(2);
    assertThat(r.notes().get(0)).startsWith("retry 1 after Throttled (slow down), waited ");
  }

  @Test
  void rule8_never_retries_after_the_first_byte() {
    Scripted t =
        new Scripted(
            (plan, sink) -> {
              sink.accept(new ChatEvent.TextDelta("partial "));
              throw new DispatchException.Retriable("connection reset", "req-9", null);
            },
            answers("should not be called"));
    List<ChatEvent> seen = new ArrayList<>();

    assertThatThrownBy(() -> dispatcher(t, fast()).client(MODEL, null).stream(ASK, seen::add))
        .isInstanceOf(DispatchException.Retriable.class)
        .hasMessage("connection reset")
        .satisfies(e -> assertThat(((DispatchException) e).requestId()).isEqualTo("req-9"));
    assertThat(t.calls).hasValue(1);
    assertThat(seen).hasSize(2).element(1).isEqualTo(new ChatEvent.TextDelta("partial "));
    assertThat(seen.get(0)).isInstanceOf(ChatEvent.Planned.class);
  }

  @Test
  void rule8_does_not_retry_an_invalid_request_and_keeps_the_upstream_message() {
    Scripted t =
        new Scripted(
            fails(new DispatchException.InvalidRequest("ValidationException: bad", "req-3", null)));

    assertThatThrownBy(() -> dispatcher(t, fast()).client(MODEL, null).chat(ASK))
        .isInstanceOf(DispatchException.InvalidRequest.class)
        .hasMessage("ValidationException: bad");
    assertThat(t.calls).hasValue(1);
  }

  @Test
  void rule8_gives_up_after_the_configured_retries() {
    Scripted t = new Scripted(fails(new DispatchException.Retriable("HTTP 500", null, null)));

    assertThatThrownBy(() -> dispatcher(t, fast()).client(MODEL, null).chat(ASK))
        .hasMessage("HTTP 500");
    assertThat(t.calls).hasValue(4);
    assertThat(slept).hasSize(3);
  }

  @Test
  void rule6_emits_keepalives_while_the_upstream_is_silent() {
    Scripted t =
        new Scripted(
            (plan, sink) -> {
              Thread.sleep(450);
              sink.accept(new ChatEvent.TextDelta("late"));
              return result("late", StopReason.END_TURN);
            });
    List<ChatEvent> seen = new CopyOnWriteArrayList<>();

    dispatcher(t, fast()).client(MODEL, null).stream(ASK, seen::add);

    long keepAlives = seen.stream().filter(e -> e instanceof ChatEvent.KeepAlive).count();
    assertThat(keepAlives).isBetween(2L, 6L);
    assertThat(seen.get(seen.size() - 2)).isEqualTo(new ChatEvent.TextDelta("late"));
    assertThat(seen.get(seen.size() - 1)).isInstanceOf(ChatEvent.Completed.class);
  }

  @Test
  void rule6_keepalives_do_not_reset_the_idle_deadline() {
    DispatchSettings s =
        fast()
            .withTimes(
                Duration.ofMillis(50),
                Duration.ofSeconds(5),
                Duration.ofMillis(300),
                Duration.ofSeconds(10));
    Scripted t =
        new Scripted(
            (plan, sink) -> {
              sink.accept(new ChatEvent.TextDelta("first "));
              Thread.sleep(5_000);
              return result("never", StopReason.END_TURN);
            });
    List<ChatEvent> seen = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> dispatcher(t, s).client(MODEL, null).stream(ASK, seen::add))
        .isInstanceOf(DispatchException.Retriable.class)
        .hasMessage(MODEL + " via converse missed the idle deadline of 300 ms");
    assertThat(seen.stream().filter(e -> e instanceof ChatEvent.KeepAlive).count())
        .isGreaterThanOrEqualTo(2);
    assertThat(t.calls).hasValue(1);
  }

  @Test
  void rule6_a_missed_first_byte_deadline_is_retriable_and_retried() {
    DispatchSettings s =
        fast()
            .withTimes(
                Duration.ofMillis(50),
                Duration.ofMillis(150),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10))
            .withRetries(1, Duration.ofMillis(1));
    Scripted t =
        new Scripted(
            (plan, sink) -> {
              Thread.sleep(5_000);
              return result("never", StopReason.END_TURN);
            },
            answers("second try"));

    ChatResult r = dispatcher(t, s).client(MODEL, null).chat(ASK);

    assertThat(r.text()).isEqualTo("second try");
    assertThat(r.notes().get(0)).contains("missed the first-byte deadline of 150 ms");
  }

  @Test
  void rule5_an_answer_lost_to_reasoning_is_retried_once_with_a_raised_ceiling() {
    Scripted t =
        new Scripted(
            Backend.RESPONSES,
            (plan, sink) -> result("", StopReason.INCOMPLETE),
            answers("finally"));

    ChatResult r =
        dispatcher(t, fast()).client("openai.gpt-5.5", null).chat(ASK.withMaxOutputTokens(1024));

    assertThat(r.text()).isEqualTo("finally");
    assertThat(plans).extracting(Plan::maxOutputTokens).containsExactly(1024, 4096);
    assertThat(r.notes())
        .containsExactly(
            "retried once with maxOutputTokens 4096: reasoning used all 1024 output tokens and left no answer");
  }

  @Test
  void rule5_the_retry_never_raises_the_ceiling_above_the_family_s_hard_ceiling() {
    Scripted t =
        new Scripted(
            Backend.RESPONSES,
            (plan, sink) -> result("", StopReason.INCOMPLETE),
            (plan, sink) -> result("", StopReason.INCOMPLETE),
            answers("never asked"));

    ChatResult r =
        dispatcher(t, fast()).client("openai.gpt-5.5", null).chat(ASK.withMaxOutputTokens(4096));

    assertThat(plans).extracting(Plan::maxOutputTokens).containsExactly(4096, 8192);
    assertThat(r.stopReason()).isEqualTo(StopReason.INCOMPLETE);
  }

  @Test
  void every_attempt_that_returned_usage_is_billed_with_its_number_and_outcome() {
    Scripted t =
        new Scripted(
            Backend.RESPONSES,
            fails(new DispatchException.Throttled("slow down", "req-1", null, null)),
            (plan, sink) -> result("", StopReason.INCOMPLETE),
            answers("finally"));

    ChatResult r =
        dispatcher(t, fast()).client("openai.gpt-5.5", null).chat(ASK.withMaxOutputTokens(1024));

    assertThat(r.text()).isEqualTo("finally");
    assertThat(r.usage()).isEqualTo(new Usage(6, 4, 0, 0, 0));
    assertThat(r.attempts())
        .containsExactly(
            new UpstreamAttempt(2, UpstreamAttempt.Outcome.INCOMPLETE, new Usage(3, 2, 0, 0, 0)),
            new UpstreamAttempt(3, UpstreamAttempt.Outcome.SUCCESS, new Usage(3, 2, 0, 0, 0)));
  }

  @Test
  void a_retried_failure_that_reported_usage_is_billed_as_a_failed_attempt() {
    Usage spent = new Usage(40, 0, 900, 0, 0);
    Scripted t =
        new Scripted(
            Backend.RESPONSES,
            fails(new DispatchException.Retriable("response.failed", null, null).withUsage(spent)),
            answers("finally"));

    ChatResult r = dispatcher(t, fast()).client("openai.gpt-5.5", null).chat(ASK);

    assertThat(r.attempts())
        .containsExactly(
            new UpstreamAttempt(1, UpstreamAttempt.Outcome.FAILED, spent),
            new UpstreamAttempt(2, UpstreamAttempt.Outcome.SUCCESS, new Usage(3, 2, 0, 0, 0)));
    assertThat(r.usage()).isEqualTo(new Usage(43, 2, 900, 0, 0));
  }

  @Test
  void a_call_that_gives_up_carries_every_attempt_that_reported_usage_for_its_bill() {
    Scripted t =
        new Scripted(
            Backend.RESPONSES,
            (plan, sink) -> result("", StopReason.INCOMPLETE),
            fails(new DispatchException.InvalidRequest("context too long", null, null)));

    assertThatThrownBy(
            () ->
                dispatcher(t, fast())
                    .client("openai.gpt-5.5", null)
                    .chat(ASK.withMaxOutputTokens(1024)))
        .isInstanceOfSatisfying(
            DispatchException.InvalidRequest.class,
            e -> {
              assertThat(e.backend()).isEqualTo("responses");
              assertThat(e.attempts())
                  .containsExactly(
                      new UpstreamAttempt(
                          1, UpstreamAttempt.Outcome.INCOMPLETE, new Usage(3, 2, 0, 0, 0)));
            });
  }

  @Test
  void rule5_when_the_retry_also_yields_nothing_the_result_is_incomplete_with_an_explanation() {
    Scripted t = new Scripted(Backend.RESPONSES, (plan, sink) -> result("", StopReason.INCOMPLETE));

    ChatResult r = dispatcher(t, fast()).client("openai.gpt-5.5", null).chat(ASK);

    assertThat(r.stopReason()).isEqualTo(StopReason.INCOMPLETE);
    assertThat(r.notes())
        .last()
        .isEqualTo(
            "incomplete: reasoning used the whole output budget and produced no answer; raise maxOutputTokens or lower reasoningEffort");
  }

  @Test
  void rule7_a_model_outside_the_cleared_list_is_refused_naming_the_list_and_its_source() {
    DispatchSettings s =
        fast()
            .withCleared(
                new DispatchSettings.ClearedModels(
                    Set.of("us.anthropic.claude-sonnet-4-6", "openai.gpt-5.5"),
                    "terraform.tfvars:9"));
    Dispatcher d = dispatcher(new Scripted(answers("x")), s);

    assertThatThrownBy(() -> d.client("us.anthropic.claude-opus-4-7", null))
        .isInstanceOf(DispatchException.AccessDenied.class)
        .hasMessage(
            "model us.anthropic.claude-opus-4-7 is not cleared for use: it is not in bedrock_cleared_model_ids (terraform.tfvars:9), which lists openai.gpt-5.5, us.anthropic.claude-sonnet-4-6");
    assertThat(d.client("eu.anthropic.claude-sonnet-4-6", null).modelId())
        .isEqualTo("eu.anthropic.claude-sonnet-4-6");
  }

  @Test
  void every_result_records_model_backend_route_and_what_was_changed() {
    ChatResult r =
        dispatcher(new Scripted(answers("x")), fast())
            .client(MODEL, null)
            .chat(ASK.withTemperature(0.2).withExtra(Map.of("top_k", 5)));

    assertThat(r.modelId()).isEqualTo(MODEL);
    assertThat(r.backend()).isEqualTo("converse");
    assertThat(r.route()).isEqualTo("catalog: family llama is served only by converse");
    assertThat(r.droppedParams()).containsExactly("top_k=5 (refused by llama)");
    assertThat(r.renamedParams()).containsEntry("temperature", "inferenceConfig.temperature");
  }

  @Test
  void a_stream_opens_with_the_plan_so_dropped_parameters_are_known_before_the_first_byte() {
    List<ChatEvent> seen = new ArrayList<>();
    dispatcher(new Scripted(answers("x")), fast()).client(MODEL, null).stream(
        ASK.withExtra(Map.of("top_k", 5)), seen::add);

    assertThat(seen.get(0))
        .isEqualTo(
            new ChatEvent.Planned(
                MODEL,
                "converse",
                "catalog: family llama is served only by converse",
                List.of("top_k=5 (refused by llama)"),
                Map.of("maxOutputTokens", "inferenceConfig.maxTokens")));
    assertThat(seen.get(1)).isEqualTo(new ChatEvent.TextDelta("x"));
    assertThat(seen.get(2)).isInstanceOf(ChatEvent.Completed.class);
  }

  @Test
  void a_backend_that_is_not_configured_is_a_clear_error() {
    assertThatThrownBy(
            () ->
                dispatcher(new Scripted(answers("x")), fast())
                    .client("openai.gpt-5.5", null)
                    .chat(ASK))
        .isInstanceOf(DispatchException.InvalidRequest.class)
        .hasMessage(
            "no responses backend is configured for openai.gpt-5.5 (catalog: family gpt-5.5 is served only by responses)");
  }

  @Test
  void the_worst_case_of_a_call_is_the_planned_ceiling_or_the_family_s_and_its_one_retry() {
    Dispatcher d = dispatcher(new Scripted(answers("ok")), fast());
    ChatRequest capped = ASK.withMaxOutputTokens(1024);

    // no reasoning: sent once, at most the ceiling asked for
    assertThat(d.client(MODEL, null).worstCase(capped)).isEqualTo(new WorstCase(1, 1024));
    // no ceiling asked for: the family's default
    assertThat(d.client(MODEL, null).worstCase(ASK)).isEqualTo(new WorstCase(1, 2048));
    // reasoning may eat the ceiling, and the dispatcher then retries once with four times it
    assertThat(d.client("openai.gpt-5.5", null).worstCase(capped))
        .isEqualTo(new WorstCase(2, 1024 + 4096));
    // Nova 2 at high effort is sent no ceiling at all: its family's 65,536, twice over at worst
    assertThat(
            d.client("amazon.nova-2-lite-v1:0", null)
                .worstCase(capped.withReasoningEffort(ReasoningEffort.HIGH)))
        .isEqualTo(new WorstCase(2, 65536 + 65536));
  }
}
