package io.stratum.corpus;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One document as a connector read it, before chunking.
 *
 * @param id stable id, {@code workspace:relative/path.md}; re-reading the same file gives the same
 *     id
 * @param workspace the workspace the document belongs to
 * @param sourceKind what produced it (e.g. {@code markdown})
 * @param path the path relative to the scanned root, with forward slashes
 * @param title the front-matter title, else the first heading, else the file name
 * @param status lifecycle status from front matter ({@code accepted}, {@code superseded} ...), or
 *     empty
 * @param supersedes the id of the document this one replaces, or empty
 * @param body the text without front matter
 * @param contentHash SHA-256 of the raw file bytes, hex
 * @param metadata other front-matter fields, as strings
 */
public record SourceDocument(
    String id,
    String workspace,
    String sourceKind,
    String path,
    String title,
    String status,
    String supersedes,
    String body,
    String contentHash,
    Map<String, String> metadata) {

  /** The source kinds connectors produce; searches can be restricted to some of them. */
  public static final List<String> KINDS =
      List.of("markdown", "adr", "runbook", "oscal", "code", "jira", "confluence");

  public SourceDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(sourceKind, "sourceKind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentHash, "contentHash");
    status = status == null ? "" : status;
    supersedes = supersedes == null ? "" : supersedes;
    metadata = Map.copyOf(metadata);
  }

  public boolean superseded() {
    return status.equalsIgnoreCase("superseded");
  }
}
