package io.stratum.store;

/** A workspace: a named scope of documents and conversations. */
public record Workspace(String id, String name) {}
