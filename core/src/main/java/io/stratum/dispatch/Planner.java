package io.stratum.dispatch;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import io.stratum.catalog.ReasoningStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a normalized request into a {@link Plan} for one model, applying the rules every backend
 * shares: routing by catalog then configuration, reasoning-effort normalization, Claude thinking
 * budgets that always fit, family ceilings, and dropping what the target rejects. Nothing here is
 * specific to a family; the catalog says what each family accepts.
 */
public final class Planner {
  /** Claude thinking budget per effort; always kept below the output ceiling. */
  static final Map<ReasoningEffort, Integer> CLAUDE_BUDGETS =
      Map.of(
          ReasoningEffort.LOW, 2048,
          ReasoningEffort.MEDIUM, 8192,
          ReasoningEffort.HIGH, 16384,
          ReasoningEffort.XHIGH, 32000);

  static final int CLAUDE_MIN_BUDGET = 1024;

  /**
   * Wire keys the dispatcher sets itself from normalized parameters; passed as extras they would
   * fight its decisions, so they are dropped with a pointer to the normalized parameter.
   */
  static final Map<String, String> MANAGED =
      Map.ofEntries(
          Map.entry("thinking", "reasoningEffort"),
          Map.entry("reasoningConfig", "reasoningEffort"),
          Map.entry("reasoning_effort", "reasoningEffort"),
          Map.entry("reasoning", "reasoningEffort"),
          Map.entry("output_config", "reasoningEffort"),
          Map.entry("outputConfig", "reasoningEffort"),
          Map.entry("max_tokens", "maxOutputTokens"),
          Map.entry("max_output_tokens", "maxOutputTokens"),
          Map.entry("max_completion_tokens", "maxOutputTokens"),
          Map.entry("maxTokens", "maxOutputTokens"),
          Map.entry("temperature", "temperature"),
          Map.entry("top_p", "topP"),
          Map.entry("stop", "stop"),
          Map.entry("stopSequences", "stop"),
          Map.entry("model", "the model id"),
          Map.entry("stream", "stream()"));

  private final ModelCatalog catalog;

  public Planner(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  /**
   * @param pin a backend the caller insists on, or null
   * @param defaultBackend {@code bedrock_default_backend}, for models the catalog does not pin
   * @param strict refuse instead of dropping a parameter the target rejects
   */
  public Plan plan(
      ChatRequest req, String modelId, Backend pin, Backend defaultBackend, boolean strict) {
    Optional<ModelFamily> known = catalog.resolve(modelId);
    Backend backend;
    String route;
    if (pin != null) {
      if (known.isPresent() && !known.get().serves(pin)) {
        throw new DispatchException.InvalidRequest(
            "model %s cannot be served by the %s backend; family %s is served by: %s"
                .formatted(modelId, pin.id(), known.get().name(), ids(known.get().backends())),
            null,
            null);
      }
      backend = pin;
      route = "pinned: backend " + pin.id() + " requested for " + modelId;
    } else if (known.isEmpty()) {
      backend = defaultBackend;
      route =
          "default: "
              + modelId
              + " is not in the catalog; bedrock_default_backend = "
              + defaultBackend.id();
    } else if (known.get().backends().size() == 1) {
      backend = known.get().backends().get(0);
      route = "catalog: family " + known.get().name() + " is served only by " + backend.id();
    } else if (known.get().serves(defaultBackend)) {
      backend = defaultBackend;
      route =
          "catalog+default: family %s is served by %s; bedrock_default_backend = %s"
              .formatted(known.get().name(), ids(known.get().backends()), defaultBackend.id());
    } else {
      backend = known.get().backends().get(0);
      route =
          "catalog: family %s is served by %s, not by bedrock_default_backend %s; using %s"
              .formatted(
                  known.get().name(),
                  ids(known.get().backends()),
                  defaultBackend.id(),
                  backend.id());
    }
    ModelFamily f = known.orElse(ModelFamily.unknown(backend));
    return new Rules(req, modelId, f, backend, route).apply(strict);
  }

  /**
   * The output budget for an answer of {@code visibleTokens} at {@code effort} on this model: the
   * visible answer plus the reasoning its family is budgeted for at the effort it will be sent
   * (after normalization, or the family's default), never above the family's ceiling. A Claude
   * thinking budget is added by {@link #plan} itself, so it is not counted here.
   */
  public int answerBudget(
      String modelId,
      Backend pin,
      Backend defaultBackend,
      int visibleTokens,
      ReasoningEffort effort) {
    Optional<ModelFamily> known = catalog.resolve(modelId);
    if (known.isEmpty()) {
      return visibleTokens;
    }
    ChatRequest probe =
        ChatRequest.of(ChatMessage.user("budget"))
            .withMaxOutputTokens(visibleTokens)
            .withReasoningEffort(effort);
    Plan p = plan(probe, modelId, pin, defaultBackend, false);
    return switch (known.get().reasoning()) {
      case NONE, CLAUDE_BUDGET -> p.maxOutputTokens() == 0 ? visibleTokens : p.maxOutputTokens();
      case ALWAYS -> known.get().answerBudget(visibleTokens, null);
      default -> known.get().answerBudget(visibleTokens, p.effort() == null ? "none" : p.effort());
    };
  }

  private static String ids(List<Backend> backends) {
    return String.join(", ", backends.stream().map(Backend::id).toList());
  }

  /** The parameter rules for one request and family. */
  private static final class Rules {
    final ChatRequest req;
    final String modelId;
    final ModelFamily f;
    final Backend backend;
    final String route;
    final List<String> dropped = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    Double temperature;
    Double topP;
    List<String> stop;
    int max;
    boolean sendMax = true;
    String effort;
    Plan.Thinking thinking = Plan.Thinking.OFF;
    int budget;

    Rules(ChatRequest req, String modelId, ModelFamily f, Backend backend, String route) {
      this.req = req;
      this.modelId = modelId;
      this.f = f;
      this.backend = backend;
      this.route = route;
      this.temperature = req.temperature();
      this.topP = req.topP();
      this.stop = new ArrayList<>(req.stop());
      this.max = req.maxOutputTokens() == null ? f.defaultMaxOutputTokens() : req.maxOutputTokens();
    }

    Plan apply(boolean strict) {
      if (f.hardCeiling() > 0 && max > f.hardCeiling() && strict) {
        throw new DispatchException.InvalidRequest(
            "strict mode: maxOutputTokens %d is above the %s hard ceiling of %d output tokens, reasoning included; ask for %d or less"
                .formatted(max, f.name(), f.hardCeiling(), f.hardCeiling()),
            null,
            null);
      }
      if (f.hardCeiling() > 0 && max > f.hardCeiling()) {
        // the seed's rule: a generous budget at high effort is spent thinking, never answering
        drop(
            "maxOutputTokens",
            max,
            "above the %s hard ceiling of %d output tokens, reasoning included; %d sent"
                .formatted(f.name(), f.hardCeiling(), f.hardCeiling()));
        max = f.hardCeiling();
      } else if (max > f.maxOutputTokens()) {
        notes.add(
            "maxOutputTokens %d lowered to the %s ceiling of %d"
                .formatted(max, f.name(), f.maxOutputTokens()));
        max = f.maxOutputTokens();
      }
      if (max < backend.minOutputTokens() && strict) {
        throw new DispatchException.InvalidRequest(
            "strict mode: maxOutputTokens %d is below the least the %s wire takes, %d; ask for %d or more"
                .formatted(max, backend.id(), backend.minOutputTokens(), backend.minOutputTokens()),
            null,
            null);
      }
      if (max < backend.minOutputTokens()) {
        notes.add(
            "maxOutputTokens %d raised to %d, the least the %s wire takes"
                .formatted(max, backend.minOutputTokens(), backend.id()));
        max = backend.minOutputTokens();
      }
      reasoning();
      boolean reasoningOn =
          thinking != Plan.Thinking.OFF
              || f.reasoning() == ReasoningStyle.ALWAYS
              || (effort != null && !effort.equals("none"));
      Map<String, Object> present = new LinkedHashMap<>();
      if (temperature != null) {
        present.put("temperature", temperature);
      }
      if (topP != null) {
        present.put("topP", topP);
      }
      for (String p : present.keySet()) {
        if (f.rejects().contains(p)) {
          drop(p, present.get(p), "refused by " + f.name());
        } else if (reasoningOn && f.rejectsWhileReasoning().contains(p)) {
          drop(p, present.get(p), "refused by " + f.name() + " while it reasons");
        } else if ("high".equals(effort) && f.rejectsAtHighEffort().contains(p)) {
          drop(p, present.get(p), "refused by " + f.name() + " at high reasoning effort");
        }
      }
      if (f.temperatureTopPExclusive() && temperature != null && topP != null) {
        drop("topP", topP, f.name() + " refuses temperature and topP together; temperature kept");
      }
      if ("high".equals(effort) && f.rejectsAtHighEffort().contains("maxOutputTokens")) {
        sendMax = false;
        notes.add("maxOutputTokens not sent: " + f.name() + " refuses it at high reasoning effort");
      }
      if (!stop.isEmpty()) {
        if (backend == Backend.RESPONSES || f.maxStopSequences() == 0) {
          drop(
              "stop",
              stop,
              "the " + backend.id() + " wire for " + f.name() + " takes no stop sequences");
        } else if (stop.size() > f.maxStopSequences()) {
          List<String> extra = stop.subList(f.maxStopSequences(), stop.size());
          drop(
              "stop",
              List.copyOf(extra),
              f.name() + " takes at most " + f.maxStopSequences() + " stop sequences");
          stop = new ArrayList<>(stop.subList(0, f.maxStopSequences()));
        }
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      req.extra()
          .forEach(
              (k, v) -> {
                if (MANAGED.containsKey(k)) {
                  drop(k, v, "set by the dispatcher; use " + MANAGED.get(k));
                } else if (f.rejects().contains(k)) {
                  drop(k, v, "refused by " + f.name());
                } else {
                  extra.put(k, v);
                }
              });
      if (strict && !dropped.isEmpty()) {
        throw new DispatchException.InvalidRequest(
            "strict mode: %s rejects %s".formatted(modelId, String.join("; ", dropped)),
            null,
            null);
      }
      return new Plan(
          modelId,
          f,
          backend,
          route,
          sendMax ? max : 0,
          temperature,
          topP,
          stop,
          effort,
          thinking,
          budget,
          extra,
          dropped,
          WireNames.renamed(
              backend,
              f.reasoning(),
              req,
              sendMax,
              temperature,
              topP,
              stop,
              effort != null || thinking != Plan.Thinking.OFF),
          notes);
    }

    private void drop(String name, Object value, String why) {
      dropped.add(name + "=" + value + " (" + why + ")");
      switch (name) {
        case "temperature" -> temperature = null;
        case "topP" -> topP = null;
        case "stop" -> {
          if (value instanceof List<?> l && l.size() == stop.size()) {
            stop = new ArrayList<>();
          }
        }
        default -> {}
      }
    }

    private void reasoning() {
      ReasoningEffort asked = req.reasoningEffort();
      boolean off = asked == ReasoningEffort.NONE || asked == ReasoningEffort.MINIMAL;
      switch (f.reasoning()) {
        case NONE -> {
          if (asked != null && !off) {
            drop("reasoningEffort", label(asked), f.name() + " does not reason");
          }
        }
        case ALWAYS -> {
          if (asked != null) {
            notes.add(
                "reasoningEffort "
                    + label(asked)
                    + " not sent: "
                    + f.name()
                    + " always reasons and takes no effort");
          }
        }
        case CLAUDE_BUDGET -> {
          if (asked != null && !off) {
            budget(asked);
          }
        }
        case CLAUDE_ADAPTIVE, CLAUDE_ADAPTIVE_ONLY -> {
          if (asked != null && !off) {
            thinking = Plan.Thinking.ADAPTIVE;
            effort = vocabulary(asked);
          }
        }
        case NOVA_REASONING -> {
          if (asked != null && !off) {
            effort = vocabulary(asked);
          }
        }
        case EFFORT_FIELD -> {
          if (asked == null) {
            effort = f.defaultEffort().isEmpty() ? null : f.defaultEffort();
          } else if (off) {
            effort = f.efforts().get(0);
            notes.add(
                "reasoningEffort %s sent as %s: %s cannot turn reasoning off"
                    .formatted(label(asked), effort, f.name()));
          } else {
            effort = vocabulary(asked);
          }
        }
        case RESPONSES_EFFORT -> effort = asked == null ? f.defaultEffort() : vocabulary(asked);
      }
    }

    /**
     * A Claude budget that always fits below the output ceiling: raise the ceiling, else shrink it.
     */
    private void budget(ReasoningEffort asked) {
      int want = CLAUDE_BUDGETS.getOrDefault(asked, CLAUDE_BUDGETS.get(ReasoningEffort.HIGH));
      thinking = Plan.Thinking.BUDGET;
      budget = want;
      if (budget < max) {
        return;
      }
      int raised = Math.min(f.ceiling(), budget + max);
      if (raised > budget) {
        notes.add(
            "maxOutputTokens raised from %d to %d so the %d-token thinking budget (%s) fits below it"
                .formatted(max, raised, budget, label(asked)));
        max = raised;
        return;
      }
      budget = max - CLAUDE_MIN_BUDGET;
      if (budget >= CLAUDE_MIN_BUDGET) {
        notes.add(
            "thinking budget lowered from %d to %d to stay below maxOutputTokens %d"
                .formatted(want, budget, max));
      } else {
        thinking = Plan.Thinking.OFF;
        budget = 0;
        notes.add(
            "thinking off: maxOutputTokens %d leaves no room for the minimum 1024-token budget"
                .formatted(max));
      }
    }

    /**
     * The family's word for an effort: exact, else minimal↔none, else the next lower level it has.
     */
    private String vocabulary(ReasoningEffort asked) {
      List<String> vocab = f.efforts();
      String want = label(asked);
      if (vocab.isEmpty() || vocab.contains(want)) {
        return want;
      }
      String got = null;
      if (asked == ReasoningEffort.MINIMAL && vocab.contains("none")) {
        got = "none";
      } else if (asked == ReasoningEffort.NONE && vocab.contains("minimal")) {
        got = "minimal";
      } else {
        List<ReasoningEffort> order = List.of(ReasoningEffort.values());
        for (int i = order.indexOf(asked); i >= 0 && got == null; i--) {
          if (vocab.contains(label(order.get(i)))) {
            got = label(order.get(i));
          }
        }
        if (got == null) {
          got = vocab.get(0);
        }
      }
      notes.add(
          "reasoningEffort %s sent as %s (%s accepts %s)"
              .formatted(want, got, f.name(), String.join("|", vocab)));
      return got;
    }
  }

  static String label(ReasoningEffort e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
