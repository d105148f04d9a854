package io.stratum.app.config;

import static io.stratum.app.config.ServiceKeys.AUDIT_HEC_TOKEN;
import static io.stratum.app.config.ServiceKeys.AUDIT_HEC_URL;
import static io.stratum.app.config.ServiceKeys.AUDIT_JSONL_DIR;
import static io.stratum.app.config.ServiceKeys.AUDIT_JSONL_ROTATE_MB;
import static io.stratum.app.config.ServiceKeys.AUDIT_KINESIS_STREAM;
import static io.stratum.app.config.ServiceKeys.KINESIS_ENDPOINT;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the audit trail is exported as OCSF; each sink is on when its key is set, and all may be.
 *
 * @param jsonlDir {@code stratum_audit_jsonl_dir}: JSON Lines files for a log shipper, or null
 * @param jsonlRotateBytes {@code stratum_audit_jsonl_rotate_mb}, in bytes
 * @param hecUrl {@code stratum_audit_hec_url}: a Splunk HTTP Event Collector, or null; its token
 *     comes from {@code STRATUM_AUDIT_HEC_TOKEN}, never from the file
 * @param kinesisStream {@code stratum_audit_kinesis_stream}: a Kinesis data stream, or null
 * @param kinesisEndpoint {@code kinesis_endpoint_url}: overrides the Kinesis endpoint, or null
 */
public record AuditExportSettings(
    Path jsonlDir, long jsonlRotateBytes, URI hecUrl, String kinesisStream, URI kinesisEndpoint) {
  public static final String HEC_TOKEN_ENV = AUDIT_HEC_TOKEN.env();

  public boolean any() {
    return jsonlDir != null || hecUrl != null || kinesisStream != null;
  }

  /** The {@code stratum_audit_*} sinks; the HEC token must be in the environment. */
  static AuditExportSettings read(Values v) {
    Path dir = v.get(AUDIT_JSONL_DIR);
    long rotate = v.get(AUDIT_JSONL_ROTATE_MB);
    URI hec = v.get(AUDIT_HEC_URL);
    String token = v.get(AUDIT_HEC_TOKEN);
    if (hec != null && (token == null || token.isBlank())) {
      v.problem(
          "%s: set, but %s is not; the HEC token is read from the environment, never from the file (%s)"
              .formatted(AUDIT_HEC_URL.name(), AUDIT_HEC_TOKEN.env(), v.where(AUDIT_HEC_URL)));
    }
    return new AuditExportSettings(
        dir, rotate, hec, v.get(AUDIT_KINESIS_STREAM), v.get(KINESIS_ENDPOINT));
  }
}
