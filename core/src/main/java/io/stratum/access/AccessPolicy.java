package io.stratum.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place that decides who may do what. Org admins may do anything. Global workspaces may be
 * read and asked in by every principal, but only org admins administer them. Otherwise the
 * principal's role in the workspace must be at least the action's least role.
 *
 * <p>Callers apply it where data is read: the facade narrows every search and answer to {@link
 * #scope} before the index is queried, and checks each document and conversation before returning
 * it.
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

  /** Throws, naming the principal, the action and the workspace, unless it is allowed. */
  public void require(Principal p, Action action, String workspace) {
    if (!allows(p, action, workspace)) {
      throw new AccessDeniedException(p, action, workspace);
    }
  }

  /** Every requested workspace, each required; the set the index may then be queried with. */
  public Set<String> scope(Principal p, Action action, Collection<String> requested) {
    Set<String> out = new LinkedHashSet<>();
    for (String ws : requested) {
      require(p, action, ws);
      out.add(ws);
    }
    return out;
  }
}
