package io.stratum.app.usecase;

import java.util.List;

/**
 * The named workspace does not exist; a long name is echoed shortened. The message lists only the
 * workspaces the caller may read, so it cannot be used to learn the others' names.
 */
public final class UnknownWorkspaceException extends RuntimeException {
  private final String workspace;

  /**
   * @param known the workspaces the caller may read
   * @param everything whether the caller may read every workspace (an org admin), for whom an empty
   *     list means there are none yet
   */
  public UnknownWorkspaceException(String workspace, List<String> known, boolean everything) {
    super(
        "workspace '"
            + Inputs.echo(workspace)
            + "' does not exist; known workspaces: "
            + (known.isEmpty()
                ? (everything ? "none (ingest a corpus first)" : "none you may read")
                : String.join(", ", known)));
    this.workspace = workspace;
  }

  public String workspace() {
    return workspace;
  }
}
