package io.stratum.access;

/** What a principal asks to do in a workspace, and the least role that may do it. */
public enum Action {
  /** Search, and read documents and passages. */
  READ(Role.VIEWER),
  /** Ask: runs a model and spends the workspace's budget. */
  ASK(Role.MEMBER),
  /** Members, system prompt, sources, budget thresholds. */
  ADMINISTER(Role.WORKSPACE_ADMIN);

  final Role least;

  Action(Role least) {
    this.least = least;
  }

  public String verb() {
    return switch (this) {
      case READ -> "read";
      case ASK -> "ask in";
      case ADMINISTER -> "administer";
    };
  }
}
