package io.stratum.dispatch;

/** A tool the model asked to call, with its arguments as JSON text. */
public record ToolCall(String id, String name, String argumentsJson) {}
