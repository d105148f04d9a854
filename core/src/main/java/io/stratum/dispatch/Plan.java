package io.stratum.dispatch;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the dispatcher decided for one call, in normalized terms: each backend's mapper only puts it
 * on its wire.
 *
 * @param route the rule that chose the backend, in words, recorded on every result
 * @param maxOutputTokens the ceiling actually sent (reasoning included where the wire counts it)
 * @param temperature sent, or null
 * @param topP sent, or null
 * @param stop stop sequences sent
 * @param effort the reasoning effort in the family's own vocabulary, or null when not sent
 * @param thinking how reasoning is requested on a Claude-style wire
 * @param thinkingBudget the Claude thinking budget when {@code thinking} is BUDGET
 * @param extra pass-through parameters the target accepts
 * @param dropped parameters removed, as {@code name=value}
 * @param renamed normalized name → wire name, for the parameters sent
 * @param notes every other adjustment, in words (clamps, raised ceilings, retries)
 */
public record Plan(
    String modelId,
    ModelFamily family,
    Backend backend,
    String route,
    int maxOutputTokens,
    Double temperature,
    Double topP,
    List<String> stop,
    String effort,
    Thinking thinking,
    int thinkingBudget,
    Map<String, Object> extra,
    List<String> dropped,
    Map<String, String> renamed,
    List<String> notes) {

  /** How Claude-style thinking is requested. */
  public enum Thinking {
    OFF,
    BUDGET,
    ADAPTIVE
  }

  public Plan {
    stop = List.copyOf(stop);
    extra = Map.copyOf(extra);
    dropped = List.copyOf(dropped);
    renamed = Map.copyOf(renamed);
    notes = List.copyOf(notes);
  }

  /** True when the model will reason (and a budget or effort was sent for it). */
  public boolean reasoning() {
    return thinking != Thinking.OFF || (effort != null && !effort.equals("none"));
  }

  /** The same plan with a higher output ceiling and one more note. */
  public Plan withMaxOutputTokens(int max, String note) {
    List<String> n = new ArrayList<>(notes);
    n.add(note);
    return new Plan(
        modelId,
        family,
        backend,
        route,
        max,
        temperature,
        topP,
        stop,
        effort,
        thinking,
        thinkingBudget,
        extra,
        dropped,
        renamed,
        n);
  }
}
