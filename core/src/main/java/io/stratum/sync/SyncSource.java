package io.stratum.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A source to ingest, as a job names it: its kind, its target (an absolute path for file sources,
 * the JQL for Jira, the space id for Confluence) and the workspace its documents go to (null for
 * Markdown by directory, whose first directory names the workspace).
 */
public record SyncSource(String kind, String target, String workspace) {
  public SyncSource {
    if (kind == null || kind.isBlank() || target == null || target.isBlank()) {
      throw new IllegalArgumentException(
          "a source needs a kind and a target, got '" + kind + ":" + target + "'");
    }
  }

  /**
   * What one job at a time may ingest: {@code kind:target}, as the source's documents record it.
   */
  public String key() {
    return kind + ":" + target;
  }

  /**
   * A short, stable name for the source in a URL ({@code adr-3f9a2c1b7d}): its kind and the first
   * 10 hex digits of the SHA-256 of its key, the same on every node.
   */
  public String id() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
      return kind + "-" + HexFormat.of().formatHex(hash).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
