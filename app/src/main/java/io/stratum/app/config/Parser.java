package io.stratum.app.config;

import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * What a key accepts, said the way its error message says it ({@code expected converse|responses,
 * got 'respones'}), and how a raw file or environment value becomes the typed value. The
 * configuration table in {@code docs/configuration.md} prints {@link #expects} as is.
 *
 * <p>A step returns null to reject the value; the parser then reports {@code key: expected
 * <expects>, got <value> (where)}, unless the step reported problems of its own (see {@link
 * Field#problem}). Steps run in order and stop at the first rejection, so {@code text().then(...)}
 * first says "a non-empty string" and only then the narrower expectation.
 */
final class Parser<T> {
  private final Function<ProviderChoices, String> expects;
  private final BiFunction<Object, Field, T> read;

  private Parser(Function<ProviderChoices, String> expects, BiFunction<Object, Field, T> read) {
    this.expects = expects;
    this.read = read;
  }

  /** What the value must be, for messages and the docs. */
  String expects(ProviderChoices choices) {
    return expects.apply(choices);
  }

  /** The value of {@code f}'s raw value, or null after reporting why there is none. */
  T parse(Field f) {
    return step(f.raw(), f, expects, read);
  }

  /** This parser, then a narrower check or conversion of its result. */
  <R> Parser<R> then(String expects, Function<? super T, ? extends R> next) {
    return then(c -> expects, (v, f) -> next.apply(v));
  }

  /** As {@link #then(String, Function)}, with the field (for its place) and the providers' data. */
  <R> Parser<R> then(
      Function<ProviderChoices, String> expects, BiFunction<? super T, Field, ? extends R> next) {
    return new Parser<>(
        expects,
        (raw, f) -> {
          T first = parse(f);
          return first == null ? null : step(first, f, expects, next);
        });
  }

  private static <A, R> R step(
      A in,
      Field f,
      Function<ProviderChoices, String> expects,
      BiFunction<? super A, Field, ? extends R> fn) {
    int before = f.problemCount();
    R out = fn.apply(in, f);
    if (out == null && f.problemCount() == before) {
      f.bad(expects.apply(f.choices()));
    }
    return out;
  }

  static <T> Parser<T> of(String expects, BiFunction<Object, Field, T> read) {
    return new Parser<>(c -> expects, read);
  }

  /** As {@link #of(String, BiFunction)}, saying what it expects from the providers' data. */
  static <T> Parser<T> of(
      Function<ProviderChoices, String> expects, BiFunction<Object, Field, T> read) {
    return new Parser<>(expects, read);
  }

  /** A non-blank string. */
  static Parser<String> text() {
    return of("a non-empty string", (raw, f) -> raw instanceof String s && !s.isBlank() ? s : null);
  }

  /** A non-blank string matching {@code regex}. */
  static Parser<String> matching(String regex, String expects) {
    return text().then(expects, s -> s.matches(regex) ? s : null);
  }

  /** One of {@code choices}, as written. */
  static Parser<String> oneOf(List<String> choices) {
    return oneOf(c -> choices);
  }

  /** One of a list the providers know (embedding models, rerank models). */
  static Parser<String> oneOf(Function<ProviderChoices, List<String>> choices) {
    return text()
        .then(
            c -> String.join("|", choices.apply(c)),
            (s, f) -> choices.apply(f.choices()).contains(s) ? s : null);
  }

  /** {@code true} or {@code false}, also as a string (the environment has only strings). */
  static Parser<Boolean> bool() {
    return of(
        "true|false",
        (raw, f) -> {
          if (raw instanceof Boolean b) {
            return b;
          }
          return raw instanceof String s && (s.equals("true") || s.equals("false"))
              ? s.equals("true")
              : null;
        });
  }

  /** An absolute http or https URL with a host. */
  static Parser<URI> url() {
    return text()
        .then(
            "an http(s) URL",
            s -> {
              try {
                URI u = URI.create(s);
                boolean http = u.getScheme() != null && u.getScheme().matches("https?");
                return http && u.getHost() != null ? u : null;
              } catch (IllegalArgumentException e) {
                return null;
              }
            });
  }

  /** A number (also as a string) that {@code ok} accepts. */
  static Parser<Double> number(String expects, DoublePredicate ok) {
    return of(
        expects,
        (raw, f) -> {
          Double d = Field.number(raw);
          return d != null && ok.test(d) ? d : null;
        });
  }

  /** A whole number that {@code ok} accepts. */
  static Parser<Long> whole(String expects, DoublePredicate ok) {
    return number(expects, d -> d == Math.rint(d) && ok.test(d)).then(expects, Double::longValue);
  }

  /** A string kept only in the environment (a password, a token): never echoed, never rejected. */
  static Parser<String> secret() {
    return of("a secret (environment only)", (raw, f) -> raw instanceof String s ? s : "");
  }
}
