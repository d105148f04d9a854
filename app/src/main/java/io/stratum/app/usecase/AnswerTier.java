package io.stratum.app.usecase;

import io.stratum.access.AccessDeniedException;
import io.stratum.answer.Answerer;
import io.stratum.dispatch.ModelClient;
import java.util.Set;

/**
 * A model tier as answers use it: its name ({@code advanced}, {@code basic}), model and answerer.
 */
public record AnswerTier(String name, ModelClient model, Answerer answerer) {

  /**
   * The tier that writes answers in {@code workspace}: advanced when it may use it, else basic.
   *
   * @param allowed the tiers the workspace may use
   * @throws AccessDeniedException when the workspace may use neither
   */
  static AnswerTier pick(
      String workspace, Set<String> allowed, AnswerTier advanced, AnswerTier basic) {
    if (allowed.contains("advanced")) {
      return advanced;
    }
    if (allowed.contains("basic")) {
      return basic;
    }
    throw new AccessDeniedException(
        "workspace '%s' may use no model tier; an org admin can allow one: PUT /api/workspaces/%s/tiers"
            .formatted(workspace, workspace));
  }
}
