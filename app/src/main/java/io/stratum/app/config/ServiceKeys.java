package io.stratum.app.config;

import static io.stratum.app.config.ConfigKeys.KEYS;
import static io.stratum.app.config.Parser.matching;
import static io.stratum.app.config.Parser.oneOf;
import static io.stratum.app.config.Parser.text;
import static io.stratum.app.config.Parser.url;
import static io.stratum.app.config.Parser.whole;

import io.stratum.sync.JobPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys of the services around the models (sources, sign-in, alerts, the audit trail, storage),
 * declared like {@link ConfigKeys}'s and in the same registry, after them.
 */
final class ServiceKeys {
  private ServiceKeys() {}

  static final String INDEX_USER_ENV = "STRATUM_INDEX_USER";
  static final String INDEX_PASSWORD_ENV = "STRATUM_INDEX_PASSWORD";

  /** Loads this class, which registers its keys; {@link ConfigKeys} calls it once. */
  static void load() {}

  // What `stratum ingest` reads and `stratum serve` syncs on a schedule (SourceSpec).

  static final Key<List<SourceSpec>> SOURCES =
      KEYS.key("stratum_sources", SourceSpec.listParser())
          .unset("none")
          .doc(
              "the sources `stratum ingest` reads when given none and `stratum serve` syncs on a schedule, each at its `interval` (default `1h`, at least `1m`; see [sources](sources-and-retrieval.md)); relative paths are read from the file's directory");

  // OIDC sign-in besides API tokens (OidcSettings): issuer, JWKS URL and audience, or none.

  static final Key<String> OIDC_ISSUER =
      KEYS.key("oidc_issuer", text())
          .unset("unset (API tokens only)")
          .doc("accept OIDC JWTs from this identity provider");
  static final Key<URI> OIDC_JWKS_URL =
      KEYS.key("oidc_jwks_url", url()).unset("unset").doc("the identity provider's keys");
  static final Key<String> OIDC_AUDIENCE =
      KEYS.key("oidc_audience", text()).unset("unset").doc("the audience its tokens must carry");
  static final Key<String> OIDC_GROUPS_CLAIM =
      KEYS.key("oidc_groups_claim", text()).orElse("groups").doc("the claim listing groups");
  static final Key<Map<String, String>> OIDC_ROLE_MAP =
      KEYS.key("oidc_role_map", OidcSettings.roleMapParser())
          .unset("none")
          .doc("roles by group: `org_admin` or `WORKSPACE:viewer|member|workspace_admin`");

  static final Key<String> OIDC_CLIENT_ID =
      KEYS.key("oidc_client_id", text())
          .unset("unset (no browser single sign-on)")
          .doc(
              "browser single sign-on: this client's id at the identity provider (code flow + PKCE)");
  static final Key<URI> OIDC_REDIRECT_URI =
      KEYS.key("oidc_redirect_uri", url())
          .unset("unset")
          .doc(
              "where the provider sends the browser back: `https://HOST/auth/oidc/callback`, as registered there");
  static final Key<String> OIDC_CLIENT_SECRET =
      KEYS.secret("STRATUM_OIDC_CLIENT_SECRET")
          .doc("the client secret, for a confidential client (none for a public one)");

  // Alerts (AlertSettings).

  static final Key<URI> BUDGET_WEBHOOK =
      KEYS.key("stratum_budget_webhook_url", url())
          .unset("unset (log only)")
          .doc("where budget threshold alerts are POSTed as JSON");

  // The audit trail (AuditSettings, AuditExportSettings).

  static final Key<String> KMS_KEY_ARN =
      KEYS.key(
              "kms_key_arn",
              matching(
                  "arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-f-]{36}|alias/[\\w/-]+)",
                  "a KMS key or alias ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)"))
          .unset("unset (local key file)")
          .doc("the KMS key that wraps the audit trail's data keys (default credential chain)");
  static final Key<URI> KMS_ENDPOINT =
      KEYS.key("kms_endpoint_url", url()).unset("AWS").doc("overrides the KMS endpoint");
  static final Key<Path> AUDIT_JSONL_DIR =
      KEYS.key(
              "stratum_audit_jsonl_dir",
              text()
                  .then(
                      c -> "a directory (relative to the file's)",
                      (s, f) -> f.baseDir().resolve(s).normalize()))
          .unset("unset")
          .doc("OCSF JSON Lines export directory");
  static final Key<Long> AUDIT_JSONL_ROTATE_MB =
      KEYS.key(
              "stratum_audit_jsonl_rotate_mb",
              whole("a whole number of megabytes >= 1", d -> d >= 1)
                  .then("a whole number of megabytes >= 1", mb -> mb << 20))
          .orElse(100)
          .doc("the size at which a JSON Lines export file is rotated");
  static final Key<URI> AUDIT_HEC_URL =
      KEYS.key("stratum_audit_hec_url", url())
          .unset("unset")
          .doc("Splunk HEC base URL for the OCSF export; its token from `STRATUM_AUDIT_HEC_TOKEN`");
  static final Key<String> AUDIT_HEC_TOKEN =
      KEYS.secret("STRATUM_AUDIT_HEC_TOKEN")
          .doc("the Splunk HEC token, needed with `stratum_audit_hec_url`");
  static final Key<String> AUDIT_KINESIS_STREAM =
      KEYS.key(
              "stratum_audit_kinesis_stream",
              matching("[a-zA-Z0-9_.-]{1,128}", "a Kinesis stream name ([a-zA-Z0-9_.-], 1-128)"))
          .unset("unset")
          .doc("Kinesis data stream for the OCSF export");
  static final Key<URI> KINESIS_ENDPOINT =
      KEYS.key("kinesis_endpoint_url", url()).unset("AWS").doc("overrides the Kinesis endpoint");

  // Storage (StorageSettings).

  static final Key<String> DATABASE_URL =
      KEYS.key(
              "stratum_database_url",
              text()
                  .then(
                      "a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)",
                      s -> s.startsWith("jdbc:postgresql://") ? s : null)
                  .then(
                      c -> "a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)",
                      ServiceKeys::withoutPassword))
          .unset("unset (SQLite in the data directory)")
          .doc("PostgreSQL instead of SQLite; user and password from the environment");
  static final Key<String> DATABASE_USER =
      KEYS.secret("STRATUM_DATABASE_USER").doc("the database user, needed with a database URL");
  static final Key<String> DATABASE_PASSWORD =
      KEYS.secret("STRATUM_DATABASE_PASSWORD")
          .doc("the database password, needed with a database URL");
  static final Key<String> NODE_ID =
      KEYS.key(
              "stratum_node_id",
              matching(
                  "[A-Za-z0-9_.:@-]{1,128}", "a name of letters, digits and _ . : @ - (1-128)"))
          .unset("the host name and data directory")
          .doc(
              "names this server on the model calls it reserves, so its next start bills the ones a crash cut off");
  static final Key<Duration> JOB_LEASE =
      KEYS.key(
              "stratum_job_lease_seconds",
              whole("a whole number of seconds from 3 to 3600", d -> d >= 3 && d <= 3600)
                  .then("a whole number of seconds from 3 to 3600", Duration::ofSeconds))
          .orElse(JobPolicy.STANDARD.lease().toSeconds())
          .doc(
              "how long a server holds an ingest job without renewing it (it renews every third of that): a server that dies mid-job hands it to another this long after its last renewal");

  // Request limits on /api and /mcp, and failed sign-ins in the audit trail (RateLimits): a flood
  // of wrong tokens must neither take the server's time nor fill its disk.

  static final Key<Long> RATE_LIMIT_PER_PRINCIPAL =
      KEYS.key("stratum_rate_limit_per_principal_per_minute", perMinute())
          .orElse(RateLimits.STANDARD.perPrincipalPerMinute())
          .doc(
              "requests one signed-in principal may make to `/api` and `/mcp` a minute, in bursts of as many; more are answered 429 with `Retry-After`; 0: no limit");
  static final Key<Long> RATE_LIMIT_PER_ADDRESS =
      KEYS.key("stratum_rate_limit_per_address_per_minute", perMinute())
          .orElse(RateLimits.STANDARD.perAddressPerMinute())
          .doc(
              "failed sign-ins one source address may make a minute; past them its requests are answered 429 before their credential is checked; 0: no limit");
  static final Key<Duration> AUTH_FAILURE_WINDOW =
      KEYS.key(
              "stratum_auth_failure_window_seconds",
              whole("a whole number of seconds from 1 to 3600", d -> d >= 1 && d <= 3600)
                  .then("a whole number of seconds from 1 to 3600", Duration::ofSeconds))
          .orElse(RateLimits.STANDARD.authFailureWindow().toSeconds())
          .doc(
              "an address's first failed sign-in in this window is audited at once, the rest as one `auth.failed` record with their `count`");

  // ---- Browsers (BrowserSettings): which web origins may call /api and /mcp. Kept in a block of
  // its own, apart from the keys above, so other additions here merge cleanly. ----

  static final Key<List<String>> ALLOWED_ORIGINS =
      KEYS.key("stratum_allowed_origins", origins())
          .envList()
          .unset("none: browsers only from the server's own origin")
          .doc(
              "web origins (`https://app.example.com`) whose pages may call `/api` and `/mcp`, with CORS headers for them; a request with another `Origin` is a 403 (`a,b` in the environment)");

  // ---- The corpus index (IndexSettings): the embedded Lucene index, or OpenSearch. Kept in a
  // block of its own, like the browsers' above. ----

  static final Key<URI> INDEX_URL =
      KEYS.key(
              "stratum_index_url",
              url()
                  .then(
                      c -> "an http(s) URL",
                      (u, f) -> {
                        if (u.getRawUserInfo() != null) {
                          f.problem(
                              ": carries a user or password; put them in %s and %s instead, never in the file"
                                  .formatted(INDEX_USER_ENV, INDEX_PASSWORD_ENV));
                          return null;
                        }
                        return u;
                      }))
          .unset("unset (the embedded Lucene index in the data directory)")
          .doc(
              "OpenSearch (or Amazon OpenSearch Service) holds the corpus index instead: `https://HOST[:PORT]`; see [OpenSearch](../operate/opensearch.md)");
  static final Key<String> INDEX_AUTH =
      KEYS.key("stratum_index_auth", oneOf(List.of("basic", "sigv4", "none")))
          .unset("`basic` when `STRATUM_INDEX_USER` is set, else `none`")
          .doc(
              "how Stratum signs in to OpenSearch: `basic` (user and password from the environment), `sigv4` (Amazon OpenSearch Service, signing name `es`, region `aws_region`, the default AWS credential chain) or `none`");
  static final Key<String> INDEX_PREFIX =
      KEYS.key(
              "stratum_index_prefix",
              matching(
                  "[a-z0-9][a-z0-9_-]{0,63}",
                  "a lower-case name of letters, digits, _ and - (1-64, not starting with _ or -)"))
          .orElse("stratum")
          .doc(
              "the OpenSearch alias is `PREFIX-chunks`, so several deployments can share a cluster");
  static final Key<String> INDEX_USER =
      KEYS.secret(INDEX_USER_ENV).doc("the OpenSearch user, for `stratum_index_auth = \"basic\"`");
  static final Key<String> INDEX_PASSWORD =
      KEYS.secret(INDEX_PASSWORD_ENV)
          .doc("the OpenSearch password, for `stratum_index_auth = \"basic\"`");

  private static Parser<List<String>> origins() {
    return Parser.of(
        "a list of origins like https://app.example.com (scheme://host[:port], no path)",
        (raw, f) -> {
          if (!(raw instanceof List<?> l)) {
            return null;
          }
          List<String> out = new ArrayList<>();
          for (Object o : l) {
            String origin = o instanceof String s ? s.strip().replaceFirst("/$", "") : "";
            if (!origin.matches("(?i)https?://(\\[[0-9a-f:.]+\\]|[a-z0-9.-]+)(:\\d{1,5})?")) {
              return null;
            }
            out.add(origin.toLowerCase(Locale.ROOT));
          }
          return List.copyOf(out);
        });
  }

  /** The URL, with a problem when it carries a password (which belongs in the environment). */
  private static String withoutPassword(String url, Field f) {
    if (url.toLowerCase(Locale.ROOT).contains("password=")) {
      f.problem(
          ": carries a password; put it in %s instead, never in the file"
              .formatted(DATABASE_PASSWORD.env()));
    }
    return url;
  }

  private static Parser<Long> perMinute() {
    return whole("a whole number >= 0 (0: no limit)", d -> d >= 0);
  }
}
