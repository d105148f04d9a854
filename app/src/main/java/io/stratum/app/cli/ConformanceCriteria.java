package io.stratum.app.cli;

import io.stratum.catalog.ModelFamily;
import io.stratum.catalog.ReasoningStyle;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.UpstreamAttempt;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code models check} counts as a pass, from what the call returned and what the catalog says
 * of the model's family: each check says what it verified, and fails a backend that ignores what it
 * was sent.
 */
final class ConformanceCriteria {
  private ConformanceCriteria() {}

  /**
   * The ceiling check passes only when the model's first attempt stopped because of the ceiling,
   * within it: asked for a hundred numbers, a model that honours a 16-token ceiling cannot finish.
   * (The dispatcher may then retry with more room, which is its business, not the model's.)
   */
  static boolean stoppedAtCeiling(ChatResult r) {
    UpstreamAttempt first = firstAttempt(r);
    return first.outcome() == UpstreamAttempt.Outcome.INCOMPLETE
        && first.usage().output() <= ModelsCheck.CEILING;
  }

  static String ceiling(ChatResult r) {
    UpstreamAttempt first = firstAttempt(r);
    String how = "%s with %d output tokens".formatted(first.outcome().id(), first.usage().output());
    return stoppedAtCeiling(r)
        ? "stopped at the %d-token ceiling: %s".formatted(ModelsCheck.CEILING, how)
        : "did not stop at the %d-token ceiling: %s".formatted(ModelsCheck.CEILING, how);
  }

  private static UpstreamAttempt firstAttempt(ChatResult r) {
    return r.attempts().isEmpty()
        ? new UpstreamAttempt(1, UpstreamAttempt.Outcome.of(r.stopReason()), r.usage())
        : r.attempts().get(0);
  }

  /**
   * High effort is honoured when a reasoning family reports reasoning, and dropped with a warning
   * (listed in droppedParams) when the family does not reason.
   */
  static boolean effortHonoured(Optional<ModelFamily> family, ChatResult r) {
    if (family.isEmpty()) {
      return false;
    }
    if (family.get().reasoning() == ReasoningStyle.NONE) {
      return r.droppedParams().stream().anyMatch(d -> d.startsWith("reasoningEffort="));
    }
    return r.usage().reasoning() > 0 || !r.reasoning().isBlank();
  }

  static String effortDetail(Optional<ModelFamily> family, ChatResult r) {
    if (family.isEmpty()) {
      return "not in the catalog: nothing to check the effort against";
    }
    if (family.get().reasoning() == ReasoningStyle.NONE) {
      return effortHonoured(family, r)
          ? "%s does not reason: effort dropped with a warning and listed in droppedParams"
              .formatted(family.get().name())
          : "%s does not reason, but the effort was not dropped".formatted(family.get().name());
    }
    return effortHonoured(family, r)
        ? "reasoned at high effort: %d reasoning tokens".formatted(r.usage().reasoning())
        : "asked for high effort, but the model reported no reasoning (%d reasoning tokens)"
            .formatted(r.usage().reasoning());
  }

  /** temperature and topP as the catalog says this family refuses them at high effort. */
  static Set<String> refusedSampling(Optional<ModelFamily> family) {
    Set<String> refused = new java.util.TreeSet<>();
    if (family.isEmpty()) {
      return refused;
    }
    ModelFamily f = family.get();
    boolean reasons = f.reasoning() != ReasoningStyle.NONE;
    for (String p : List.of("temperature", "topP")) {
      if (f.rejects().contains(p)
          || reasons
              && (f.rejectsWhileReasoning().contains(p) || f.rejectsAtHighEffort().contains(p))) {
        refused.add(p);
      }
    }
    if (f.temperatureTopPExclusive() && refused.isEmpty()) {
      refused.add("topP");
    }
    return refused;
  }

  /** Which of temperature and topP the dispatcher dropped, from droppedParams. */
  static Set<String> droppedSampling(ChatResult r) {
    Set<String> dropped = new java.util.TreeSet<>();
    for (String d : r.droppedParams()) {
      String name = d.substring(0, Math.max(0, d.indexOf('=')));
      if (name.equals("temperature") || name.equals("topP")) {
        dropped.add(name);
      }
    }
    return dropped;
  }

  static String droppedDetail(Optional<ModelFamily> family, Set<String> refused, ChatResult r) {
    if (family.isEmpty()) {
      return "not in the catalog: nothing to check the parameters against";
    }
    Set<String> dropped = droppedSampling(r);
    if (!dropped.equals(refused)) {
      return "expected %s dropped (the catalog's %s), dropped %s"
          .formatted(
              refused.isEmpty() ? "nothing" : String.join(" and ", refused),
              family.get().name(),
              dropped.isEmpty() ? "nothing" : String.join(" and ", dropped));
    }
    return refused.isEmpty()
        ? "temperature and topP sent: %s takes them at high effort".formatted(family.get().name())
        : "%s dropped with a warning and listed in droppedParams"
            .formatted(String.join(" and ", refused));
  }
}
