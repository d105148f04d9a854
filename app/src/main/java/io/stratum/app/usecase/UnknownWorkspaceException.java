package io.stratum.app.usecase;

import java.util.List;

/** The named workspace does not exist. */
public final class UnknownWorkspaceException extends RuntimeException {
  private final String workspace;

  public UnknownWorkspaceException(String workspace, List<String> known) {
    super(
        "workspace '"
            + workspace
            + "' does not exist; known workspaces: "
            + (known.isEmpty() ? "none (ingest a corpus first)" : String.join(", ", known)));
    this.workspace = workspace;
  }

  public String workspace() {
    return workspace;
  }
}
