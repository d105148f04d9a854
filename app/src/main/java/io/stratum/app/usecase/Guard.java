package io.stratum.app.usecase;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.AccessPolicy;
import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.store.Workspace;
import io.stratum.store.WorkspaceStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one access check. Every use case asks it before it reads or changes a workspace, and a denial
 * is always audited (the action that was refused, what it needed) before it is thrown, so no
 * adapter can check access silently or forget the record.
 *
 * <pre>{@code
 * guard.require(who, Action.READ, "security", "search"); // audits and throws when denied
 * List<String> mine = guard.permitted(who, Action.ASK, conversation.workspaces());
 * }</pre>
 */
public final class Guard {
  private final AccessPolicy policy;
  private final WorkspaceStore workspaces;
  private final Auditor audit;

  public Guard(AccessPolicy policy, WorkspaceStore workspaces, Auditor audit) {
    this.policy = policy;
    this.workspaces = workspaces;
    this.audit = audit;
  }

  /**
   * The workspace, which must exist.
   *
   * @throws UnknownWorkspaceException naming the ones {@code who} may read, and no others
   */
  public Workspace workspace(Principal who, String id) {
    return workspaces
        .workspace(id)
        .orElseThrow(
            () ->
                new UnknownWorkspaceException(
                    id,
                    workspaces.workspaces().stream()
                        .map(Workspace::id)
                        .filter(ws -> policy.allows(who, Action.READ, ws))
                        .toList(),
                    who.orgAdmin()));
  }

  /**
   * Checks that {@code workspace} exists and that {@code who} may act on it; a denial is audited as
   * {@code auditAction} with outcome {@code denied}.
   */
  public void require(Principal who, Action action, String workspace, String auditAction) {
    if (!check(who, action, workspace, auditAction)) {
      throw new AccessDeniedException(who, action, workspace);
    }
  }

  /**
   * As {@link #require}, answering instead of throwing, for a caller that hides what it may not
   * show (a document of another workspace is "not found", not "forbidden"); the denial is audited
   * all the same.
   */
  boolean check(Principal who, Action action, String workspace, String auditAction) {
    workspace(who, workspace);
    if (policy.allows(who, action, workspace)) {
      return true;
    }
    audit.record(auditAction, "denied", who, workspace, Map.of("needed", action.verb()));
    return false;
  }

  /** Checks that {@code who} is an org admin; a denial is audited as {@code auditAction}. */
  public void requireOrgAdmin(Principal who, String what, String auditAction, String workspace) {
    if (!who.orgAdmin()) {
      audit.record(auditAction, "denied", who, workspace, Map.of("reason", "org admins only"));
      throw new AccessDeniedException("'%s' may not %s: org admins only".formatted(who.id(), what));
    }
  }

  /**
   * Audits a denial the policy's actions do not name (who may read the audit trail) and returns it
   * to be thrown.
   */
  AccessDeniedException deny(Principal who, String auditAction, String workspace, String reason) {
    audit.record(auditAction, "denied", who, workspace, Map.of("reason", reason));
    return new AccessDeniedException("'%s' may not %s".formatted(who.id(), reason));
  }

  /**
   * The subset of {@code requested} that {@code who} may act on, in order: for narrowing a scope
   * (the workspaces a conversation still reaches) or a listing, where leaving one out is not a
   * denial.
   */
  public List<String> permitted(Principal who, Action action, Collection<String> requested) {
    return requested.stream().distinct().filter(ws -> policy.allows(who, action, ws)).toList();
  }

  /**
   * Whether {@code who} may read every one of {@code workspaces} now: what seeing content drawn
   * from all of them (a conversation's turns, an answer's audit body) takes.
   */
  boolean readsAll(Principal who, Collection<String> workspaces) {
    return workspaces.stream().distinct().allMatch(ws -> policy.allows(who, Action.READ, ws));
  }

  /** Whether {@code who} may act on {@code workspace}, for what a listing shows of it. */
  boolean allows(Principal who, Action action, String workspace) {
    return policy.allows(who, action, workspace);
  }
}
