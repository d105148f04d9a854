package io.stratum.app.config;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw settings of one load, read as typed values by the group records ({@code
 * RetrievalModels.read(values)}). A key is parsed the first time a group reads it, so problems are
 * listed in the order the groups read their keys, each relation between keys after the keys it
 * relates; {@link #readAll} then parses any key no group read, so no bad value goes unreported.
 */
final class Values {
  /** A raw value and where it came from ({@code terraform.tfvars:3}, {@code env STRATUM_X}). */
  record Raw(Object value, String where) {}

  /** What parsers may consult besides the value. */
  record Context(Map<String, String> env, Path baseDir, ProviderChoices choices) {}

  private static final Object UNSET = new Object();
  private final Map<String, Raw> raw;
  private final Context context;
  private final List<String> problems;
  private final Map<Key<?>, Object> read = new IdentityHashMap<>();

  /**
   * @param raw the file's values and their {@code STRATUM_*} overrides, by key name
   */
  Values(Map<String, Raw> raw, Context context, List<String> problems) {
    this.raw = raw;
    this.context = context;
    this.problems = problems;
  }

  /** The key's value; its default when it is not set, or set to something it does not accept. */
  @SuppressWarnings("unchecked")
  <T> T get(Key<T> key) {
    Object v = read.get(key);
    if (v == null) {
      v = parse(key);
      read.put(key, v == null ? UNSET : v);
    }
    return v == UNSET ? null : (T) v;
  }

  private <T> T parse(Key<T> key) {
    Raw r = raw(key);
    if (r != null) {
      T v = key.parser().parse(field(key, r));
      if (v != null) {
        return v;
      }
    }
    Object dflt = key.fallback().raw(context.env(), context.choices());
    return dflt == null ? null : key.parser().parse(field(key, new Raw(dflt, "default")));
  }

  private Field field(Key<?> key, Raw r) {
    return new Field(key.name(), r.value(), r.where(), context, problems);
  }

  private Raw raw(Key<?> key) {
    if (key.fromFile()) {
      return raw.get(key.name());
    }
    String v = context.env().get(key.env());
    return v == null ? null : new Raw(v, "env " + key.env());
  }

  /** Whether the key is set, in the file or the environment. */
  boolean isSet(Key<?> key) {
    return raw(key) != null;
  }

  /** Where the key was set, or {@code default}. */
  String where(Key<?> key) {
    Raw r = raw(key);
    return r == null ? "default" : r.where();
  }

  /** A problem that is not one key's value alone (a relation between keys). */
  void problem(String message) {
    problems.add(message);
  }

  /** Parses every key no group has read. */
  void readAll(List<Key<?>> keys) {
    keys.forEach(this::get);
  }
}
