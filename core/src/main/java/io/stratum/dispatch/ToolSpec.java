package io.stratum.dispatch;

/** A tool the model may call: a name, what it does, and its input as a JSON Schema (text). */
public record ToolSpec(String name, String description, String jsonSchema) {}
