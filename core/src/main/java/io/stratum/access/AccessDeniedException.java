package io.stratum.access;

/** A principal tried something its roles do not allow. The message names both, never data. */
public final class AccessDeniedException extends RuntimeException {
  private final String workspace;

  public AccessDeniedException(Principal who, Action action, String workspace) {
    super("'%s' may not %s workspace '%s'".formatted(who.id(), action.verb(), workspace));
    this.workspace = workspace;
  }

  public AccessDeniedException(String message) {
    super(message);
    this.workspace = "";
  }

  public String workspace() {
    return workspace;
  }
}
