package io.stratum.access;

import java.util.function.Predicate;

/**
 * The one place that decides who may do what. Org admins may do anything. Global workspaces may be
 * read and asked in by every principal, but only org admins administer them. Otherwise the
 * principal's role in the workspace must be at least the action's least role.
 *
 * <p>It only answers; it never throws or records. The app's one guard asks it where data is read
 * (before the index is queried, before a document or conversation is returned) and audits each
 * denial, so there is no second, silent way to check access.
 */
public final class AccessPolicy {
  private final Predicate<String> global;

  /**
   * @param global whether a workspace is global (readable by everyone)
   */
  public AccessPolicy(Predicate<String> global) {
    this.global = global;
  }

  public boolean allows(Principal p, Action action, String workspace) {
    if (p.orgAdmin()) {
      return true;
    }
    if (action != Action.ADMINISTER && global.test(workspace)) {
      return true;
    }
    Role role = p.roles().get(workspace);
    return role != null && role.atLeast(action.least);
  }
}
