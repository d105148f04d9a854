package io.stratum.app.config;

import static io.stratum.app.config.ServiceKeys.INDEX_AUTH;
import static io.stratum.app.config.ServiceKeys.INDEX_PASSWORD;
import static io.stratum.app.config.ServiceKeys.INDEX_PREFIX;
import static io.stratum.app.config.ServiceKeys.INDEX_URL;
import static io.stratum.app.config.ServiceKeys.INDEX_USER;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where the corpus index lives: embedded in the data directory (Lucene), or in OpenSearch.
 *
 * @param url {@code stratum_index_url}, or null for the embedded index
 * @param auth {@code stratum_index_auth}: how to sign in to OpenSearch
 * @param prefix {@code stratum_index_prefix}: the alias is {@code PREFIX-chunks}
 * @param user from {@code STRATUM_INDEX_USER}, for basic auth
 * @param password from {@code STRATUM_INDEX_PASSWORD}, never from a file
 */
public record IndexSettings(URI url, Auth auth, String prefix, String user, String password) {
  public static final IndexSettings EMBEDDED =
      new IndexSettings(null, Auth.NONE, "stratum", null, null);

  /** How Stratum signs in to OpenSearch. */
  public enum Auth {
    NONE,
    BASIC,
    SIGV4
  }

  /** Whether the index is the embedded Lucene one. */
  public boolean embedded() {
    return url == null;
  }

  static IndexSettings read(Values v) {
    URI url = v.get(INDEX_URL);
    String prefix = v.get(INDEX_PREFIX);
    String user = v.get(INDEX_USER);
    String password = v.get(INDEX_PASSWORD);
    String named = v.get(INDEX_AUTH);
    if (url == null) {
      return new IndexSettings(null, Auth.NONE, prefix, null, null);
    }
    Auth auth =
        named != null
            ? Auth.valueOf(named.toUpperCase(Locale.ROOT))
            : user != null && !user.isBlank() ? Auth.BASIC : Auth.NONE;
    if (auth == Auth.BASIC) {
      for (Key<String> secret : List.of(INDEX_USER, INDEX_PASSWORD)) {
        String value = v.get(secret);
        if (value == null || value.isBlank()) {
          v.problem(
              "%s: basic auth, but %s is not set; the OpenSearch user and password are read from the environment, never from the file (%s)"
                  .formatted(INDEX_URL.name(), secret.env(), v.where(INDEX_URL)));
        }
      }
    }
    return new IndexSettings(
        url, auth, prefix, auth == Auth.BASIC ? user : null, auth == Auth.BASIC ? password : null);
  }

  /** Never the password, so a logged configuration leaks nothing. */
  @Override
  public String toString() {
    return url == null
        ? "the embedded Lucene index"
        : "OpenSearch at %s (%s-chunks, auth %s%s)"
            .formatted(
                url,
                prefix,
                auth.name().toLowerCase(Locale.ROOT),
                user == null ? "" : " as " + user);
  }
}
