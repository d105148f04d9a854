package io.stratum.corpus;

/** A source of documents. A scan never stops at one bad document: it reports it and goes on. */
public interface Connector {
  /** The source's name as shown in progress and errors, e.g. {@code markdown:/srv/docs}. */
  String name();

  Scan scan();

  /**
   * A scan that may fetch only what changed since {@code cursor} (the cursor a previous scan
   * returned, or null for a full scan). Sources without change tracking scan everything.
   */
  default Scan scan(String cursor) {
    return scan();
  }
}
