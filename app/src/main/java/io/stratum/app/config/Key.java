package io.stratum.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One configuration key, declared once in {@link ConfigKeys}: its name in the file, its environment
 * variable, what it accepts, its default and its line in the docs. The group record that uses it
 * reads it with {@link Values#get}.
 *
 * @param name the {@code .tfvars} name ({@code bedrock_default_backend}); for a key read from the
 *     environment only, the variable's name
 * @param env the environment variable: {@code STRATUM_<NAME>} (it wins over the file), or the
 *     variable itself for a key read from the environment only
 * @param fromFile false for secrets (passwords, tokens), which are never read from a file
 * @param envValue turns the variable's string into the value the file would hold (a list is written
 *     {@code a,b} in the environment)
 */
record Key<T>(
    String name,
    String env,
    boolean fromFile,
    Parser<T> parser,
    Default fallback,
    UnaryOperator<Object> envValue,
    String doc) {

  /** The default of a key that is not set: a raw value, parsed as if it had been set. */
  sealed interface Default {
    /** The raw default, or null for none. */
    Object raw(Map<String, String> env, ProviderChoices choices);

    /** The default, for the docs. */
    String doc(ProviderChoices choices);
  }

  /** A fixed default, written as in the file ({@code "converse"}, {@code 10}, {@code false}). */
  record Value(Object raw) implements Default {
    public Object raw(Map<String, String> env, ProviderChoices choices) {
      return raw;
    }

    public String doc(ProviderChoices choices) {
      return "`" + (raw instanceof Double d && d == Math.rint(d) ? d.longValue() : raw) + "`";
    }
  }

  /** Another environment variable's value when it is set, else {@code raw}. */
  record EnvThen(String var, Object raw) implements Default {
    public Object raw(Map<String, String> env, ProviderChoices choices) {
      String v = env.get(var);
      return v == null || v.isBlank() ? raw : v;
    }

    public String doc(ProviderChoices choices) {
      return "`$%s`, else `%s`".formatted(var, raw);
    }
  }

  /** The providers' default, e.g. the first rerank model they offer. */
  record FromProviders(Function<ProviderChoices, Object> raw) implements Default {
    public Object raw(Map<String, String> env, ProviderChoices choices) {
      return raw.apply(choices);
    }

    public String doc(ProviderChoices choices) {
      return "`" + raw.apply(choices) + "`";
    }
  }

  /** No value: the reader decides what unset means, and {@code doc} says it. */
  record Unset(String doc) implements Default {
    public Object raw(Map<String, String> env, ProviderChoices choices) {
      return null;
    }

    public String doc(ProviderChoices choices) {
      return doc;
    }
  }

  /** A key being declared; {@link #doc} registers it. */
  static final class Builder<T> {
    private final KeyRegistry registry;
    private final String name;
    private final String env;
    private final boolean fromFile;
    private final Parser<T> parser;
    private Default fallback = new Unset("unset");
    private UnaryOperator<Object> envValue = s -> s;

    Builder(KeyRegistry registry, String name, boolean fromFile, Parser<T> parser) {
      this.registry = registry;
      this.name = name;
      this.env = fromFile ? "STRATUM_" + name.toUpperCase(Locale.ROOT) : name;
      this.fromFile = fromFile;
      this.parser = parser;
    }

    /** The default, written as in the file; it is parsed like a set value. */
    Builder<T> orElse(Object raw) {
      return orElse(new Value(raw));
    }

    /** No default value; {@code doc} says what unset means ("the advanced model"). */
    Builder<T> unset(String doc) {
      return orElse(new Unset(doc));
    }

    /** The value of the environment variable {@code var} when set, else {@code raw}. */
    Builder<T> orElseEnv(String var, Object raw) {
      return orElse(new EnvThen(var, raw));
    }

    /** A default the providers choose (the first rerank model they offer). */
    Builder<T> orElseFromProviders(Function<ProviderChoices, Object> raw) {
      return orElse(new FromProviders(raw));
    }

    private Builder<T> orElse(Default fallback) {
      this.fallback = fallback;
      return this;
    }

    /** The environment variable holds a comma-separated list: {@code a, b}. */
    Builder<T> envList() {
      this.envValue = s -> List.of(((String) s).split("\\s*,\\s*"));
      return this;
    }

    /** Declares the key, with its one-line meaning for the docs, and registers it. */
    Key<T> doc(String doc) {
      return registry.add(new Key<>(name, env, fromFile, parser, fallback, envValue, doc));
    }
  }
}
