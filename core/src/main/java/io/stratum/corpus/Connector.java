package io.stratum.corpus;

/** A source of documents. A scan never stops at one bad document: it reports it and goes on. */
public interface Connector {
  /** The source's name as shown in progress and errors, e.g. {@code markdown:/srv/docs}. */
  String name();

  Scan scan();
}
