package io.stratum.dispatch;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ReasoningStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call site for every model. It plans each call ({@link Planner}), checks the model is
 * cleared, hands the plan to the transport for its backend, and does the cross-cutting work once:
 * retries before the first byte, deadlines, keepalives while the upstream is silent, a second try
 * when reasoning eats the whole output budget, warnings for dropped parameters.
 *
 * <pre>{@code
 * Dispatcher d = new Dispatcher(new Planner(ModelCatalog.standard()), transports, settings);
 * ModelClient advanced = d.client("us.anthropic.claude-sonnet-4-6", null);
 * advanced.stream(request, event -> ...);
 * }</pre>
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Sleeps between retries; tests pass one that records instead. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Planner planner;
  private final Map<Backend, Transport> transports = new EnumMap<>(Backend.class);
  private final DispatchSettings settings;
  private final Sleeper sleeper;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public Dispatcher(Planner planner, List<Transport> transports, DispatchSettings settings) {
    this(planner, transports, settings, d -> Thread.sleep(d));
  }

  public Dispatcher(
      Planner planner, List<Transport> transports, DispatchSettings settings, Sleeper sleeper) {
    this.planner = planner;
    transports.forEach(t -> this.transports.put(t.backend(), t));
    this.settings = settings;
    this.sleeper = sleeper;
  }

  public ModelCatalog catalog() {
    return planner.catalog();
  }

  public DispatchSettings settings() {
    return settings;
  }

  /**
   * A client for one model.
   *
   * @param pin a backend to insist on, or null to route by catalog and configuration
   * @throws DispatchException.AccessDenied when a cleared list is configured and lacks the model
   */
  public ModelClient client(String modelId, Backend pin) {
    requireCleared(modelId);
    return new Dispatched(modelId, pin);
  }

  /** Refuses a model that is not on the configured cleared list, naming the list's source. */
  public void requireCleared(String modelId) {
    settings
        .cleared()
        .ifPresent(
            list -> {
              if (!list.allows(modelId)) {
                throw new DispatchException.AccessDenied(
                    "model %s is not cleared for use: it is not in bedrock_cleared_model_ids (%s), which lists %s"
                        .formatted(
                            modelId,
                            list.source(),
                            String.join(", ", list.ids().stream().sorted().toList())),
                    null,
                    null);
              }
            });
  }

  private final class Dispatched implements ModelClient {
    private final String modelId;
    private final Backend pin;

    Dispatched(String modelId, Backend pin) {
      this.modelId = modelId;
      this.pin = pin;
    }

    @Override
    public String modelId() {
      return modelId;
    }

    @Override
    public ChatResult chat(ChatRequest request) {
      return run(request, false, e -> {});
    }

    /**
     * The planned ceiling, or the family's when none is sent; a reasoning family may be retried
     * once with a ceiling up to four times larger (see {@link #incompleteByReasoning}).
     */
    @Override
    public WorstCase worstCase(ChatRequest request) {
      Plan plan = planner.plan(request, modelId, pin, settings.defaultBackend(), settings.strict());
      int ceiling = plan.family().ceiling();
      int first = plan.maxOutputTokens() == 0 ? ceiling : plan.maxOutputTokens();
      if (plan.family().reasoning() == ReasoningStyle.NONE) {
        return new WorstCase(1, first);
      }
      return new WorstCase(2, first + Math.min(ceiling, Math.max(first, 1) * 4));
    }

    @Override
    public int answerBudget(int visibleTokens, ReasoningEffort effort) {
      return planner.answerBudget(modelId, pin, settings.defaultBackend(), visibleTokens, effort);
    }

    @Override
    public ChatResult stream(ChatRequest request, Consumer<ChatEvent> listener) {
      return run(request, true, listener);
    }

    private ChatResult run(ChatRequest request, boolean stream, Consumer<ChatEvent> listener) {
      long start = System.nanoTime();
      Plan plan = planner.plan(request, modelId, pin, settings.defaultBackend(), settings.strict());
      warnDrops(plan);
      Transport transport = transports.get(plan.backend());
      if (transport == null) {
        throw new DispatchException.InvalidRequest(
            "no %s backend is configured for %s (%s)"
                .formatted(plan.backend().id(), modelId, plan.route()),
            null,
            null);
      }
      listener.accept(
          new ChatEvent.Planned(
              plan.modelId(), plan.backend().id(), plan.route(), plan.dropped(), plan.renamed()));
      List<String> notes = new ArrayList<>(plan.notes());
      List<UpstreamAttempt> attempts = new ArrayList<>();
      try {
        return answer(plan, transport, request, stream, listener, notes, attempts, start);
      } catch (DispatchException e) {
        throw e.attach(plan.backend().id(), attempts);
      }
    }

    private ChatResult answer(
        Plan plan,
        Transport transport,
        ChatRequest request,
        boolean stream,
        Consumer<ChatEvent> listener,
        List<String> notes,
        List<UpstreamAttempt> attempts,
        long start) {
      Pumped a = withRetries(transport, plan, request, stream, listener, notes, attempts, 0, start);
      ChatResult r = a.result;
      attempts.add(attempt(a, r));
      if (incompleteByReasoning(plan, r)) {
        int raised = Math.min(plan.family().ceiling(), Math.max(plan.maxOutputTokens(), 1) * 4);
        if (raised > plan.maxOutputTokens()) {
          String note =
              "retried once with maxOutputTokens %d: reasoning used all %d output tokens and left no answer"
                  .formatted(raised, plan.maxOutputTokens());
          notes.add(note);
          Plan bigger = plan.withMaxOutputTokens(raised, note);
          a =
              withRetries(
                  transport, bigger, request, stream, listener, notes, attempts, a.requests, start);
          r = a.result;
          attempts.add(attempt(a, r));
        }
        if (incompleteByReasoning(plan, r)) {
          notes.add(
              "incomplete: reasoning used the whole output budget and produced no answer; raise maxOutputTokens or lower reasoningEffort");
        }
      }
      ChatResult done =
          new ChatResult(
              r.text(),
              r.reasoning(),
              r.toolCalls(),
              r.stopReason(),
              UpstreamAttempt.total(attempts),
              plan.modelId(),
              plan.backend().id(),
              plan.route(),
              plan.dropped(),
              plan.renamed(),
              Duration.ofNanos(System.nanoTime() - start),
              a.firstByte,
              notes,
              attempts);
      listener.accept(new ChatEvent.Completed(done));
      return done;
    }
  }

  private static UpstreamAttempt attempt(Pumped a, ChatResult r) {
    return new UpstreamAttempt(a.requests, UpstreamAttempt.Outcome.of(r.stopReason()), r.usage());
  }

  private static boolean incompleteByReasoning(Plan plan, ChatResult r) {
    return r.stopReason() == StopReason.INCOMPLETE
        && r.text().isBlank()
        && r.toolCalls().isEmpty()
        && plan.family().reasoning() != ReasoningStyle.NONE;
  }

  private void warnDrops(Plan plan) {
    for (String d : plan.dropped()) {
      String param = d.substring(0, d.indexOf('='));
      if (warned.add(plan.modelId() + "|" + param)) {
        LOG.warn(
            "dropped parameter for {} ({} backend): {}", plan.modelId(), plan.backend().id(), d);
      }
    }
  }

  /** One pumped transport call and how many upstream requests the call has made so far. */
  private record Pumped(ChatResult result, Duration firstByte, int requests) {}

  private Pumped withRetries(
      Transport transport,
      Plan plan,
      ChatRequest request,
      boolean stream,
      Consumer<ChatEvent> listener,
      List<String> notes,
      List<UpstreamAttempt> attempts,
      int requestsBefore,
      long callStart) {
    long callDeadline = callStart + settings.total().toNanos();
    for (int attempt = 0; ; attempt++) {
      Pump pump = new Pump(transport, plan, request, stream, listener, callStart);
      try {
        Pump.Answered done = pump.run();
        return new Pumped(done.result(), done.firstByte(), requestsBefore + attempt + 1);
      } catch (DispatchException e) {
        if (e.usage().total() > 0) { // a failure the upstream billed: billed here too
          attempts.add(
              new UpstreamAttempt(
                  requestsBefore + attempt + 1, UpstreamAttempt.Outcome.FAILED, e.usage()));
        }
        if (!e.retriable()
            || pump.contentSent
            || pump.timedOutAfterFirstByte
            || attempt >= settings.maxRetries()) {
          throw e;
        }
        Duration wait = backoff(attempt, e);
        if (System.nanoTime() + wait.toNanos() >= callDeadline) {
          throw e; // the total deadline bounds the whole call, retries included
        }
        notes.add(
            "retry %d after %s (%s), waited %d ms"
                .formatted(
                    attempt + 1, e.getClass().getSimpleName(), e.getMessage(), wait.toMillis()));
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Exponential backoff with full jitter, never shorter than the upstream's Retry-After. */
  Duration backoff(int attempt, DispatchException e) {
    long cap = settings.baseBackoff().toMillis() << Math.min(attempt, 16);
    Duration jittered = Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    if (e instanceof DispatchException.Throttled t && t.retryAfter().isPresent()) {
      return t.retryAfter().get().compareTo(jittered) > 0 ? t.retryAfter().get() : jittered;
    }
    return jittered;
  }

  /**
   * Runs one transport call on its own virtual thread and watches it: forwards its events, emits
   * keepalives while it is silent, and enforces the deadlines.
   */
  private final class Pump {
    private static final Object ALIVE = new Object();
    private final Transport transport;
    private final Plan plan;
    private final ChatRequest request;
    private final boolean stream;
    private final Consumer<ChatEvent> listener;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long callStart;
    boolean contentSent;
    boolean timedOutAfterFirstByte;

    Pump(
        Transport transport,
        Plan plan,
        ChatRequest request,
        boolean stream,
        Consumer<ChatEvent> listener,
        long callStart) {
      this.callStart = callStart;
      this.transport = transport;
      this.plan = plan;
      this.request = request;
      this.stream = stream;
      this.listener = listener;
    }

    private record Done(ChatResult result) {}

    private record Failed(RuntimeException error) {}

    record Answered(ChatResult result, Duration firstByte) {}

    Answered run() {
      Thread worker =
          Thread.ofVirtual()
              .name("dispatch-" + plan.backend().id())
              .start(
                  () -> {
                    try {
                      ChatResult r =
                          transport.call(
                              plan,
                              request,
                              stream,
                              new Transport.Sink() {
                                @Override
                                public void accept(ChatEvent event) {
                                  queue.add(event);
                                }

                                @Override
                                public void upstreamAlive() {
                                  queue.add(ALIVE);
                                }
                              });
                      queue.add(new Done(r));
                    } catch (RuntimeException e) {
                      queue.add(new Failed(e));
                    } catch (Error e) {
                      queue.add(new Failed(new DispatchException.Retriable(e.toString(), null, e)));
                    }
                  });
      long start = System.nanoTime();
      long lastUpstream = -1;
      long lastSignal = start;
      Duration firstByte = null;
      try {
        while (true) {
          long now = System.nanoTime();
          long keepAliveAt = lastSignal + settings.keepAlive().toNanos();
          long deadline =
              Math.min(
                  callStart + settings.total().toNanos(),
                  lastUpstream < 0
                      ? start + settings.firstByte().toNanos()
                      : lastUpstream + settings.idle().toNanos());
          Object o =
              queue.poll(Math.max(1, Math.min(keepAliveAt, deadline) - now), TimeUnit.NANOSECONDS);
          now = System.nanoTime();
          if (o == null) {
            if (now >= deadline) {
              worker.interrupt();
              timedOutAfterFirstByte = lastUpstream >= 0;
              throw timeout(now, start, lastUpstream);
            }
            if (stream && now >= keepAliveAt) {
              listener.accept(
                  new ChatEvent.KeepAlive(Duration.ofNanos(now - Math.max(start, lastUpstream))));
              lastSignal = now;
            }
            continue;
          }
          if (firstByte == null) {
            firstByte = Duration.ofNanos(now - start);
          }
          switch (o) {
            case Done d -> {
              return new Answered(d.result(), firstByte);
            }
            case Failed f ->
                throw f.error() instanceof DispatchException de
                    ? de
                    : new DispatchException.Retriable(
                        String.valueOf(f.error().getMessage()), null, f.error());
            case ChatEvent e -> {
              contentSent = true;
              lastUpstream = now;
              lastSignal = now;
              listener.accept(e);
            }
            default -> lastUpstream = now; // upstream alive
          }
        }
      } catch (InterruptedException e) {
        worker.interrupt();
        Thread.currentThread().interrupt();
        throw new DispatchException.Retriable(
            "interrupted while waiting for " + plan.modelId(), null, e);
      } catch (RuntimeException e) {
        worker.interrupt();
        throw e;
      }
    }

    private DispatchException timeout(long now, long start, long lastUpstream) {
      String which;
      if (now - callStart >= settings.total().toNanos()) {
        which = "the total deadline of " + settings.total().toSeconds() + " s";
      } else if (lastUpstream < 0) {
        which = "the first-byte deadline of " + settings.firstByte().toMillis() + " ms";
      } else {
        which = "the idle deadline of " + settings.idle().toMillis() + " ms";
      }
      return new DispatchException.Retriable(
          "%s via %s missed %s".formatted(plan.modelId(), plan.backend().id(), which), null, null);
    }
  }
}
