package io.stratum.app.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the audit trail is exported as OCSF; each sink is on when its key is set, and all may be.
 *
 * @param jsonlDir {@code stratum_audit_jsonl_dir}: JSON Lines files for a log shipper, or null
 * @param jsonlRotateBytes {@code stratum_audit_jsonl_rotate_mb}, in bytes
 * @param hecUrl {@code stratum_audit_hec_url}: a Splunk HTTP Event Collector, or null; its token
 *     comes from {@value #HEC_TOKEN_ENV}, never from the file
 * @param kinesisStream {@code stratum_audit_kinesis_stream}: a Kinesis data stream, or null
 * @param kinesisEndpoint {@code kinesis_endpoint_url}: overrides the Kinesis endpoint, or null
 */
public record AuditExportSettings(
    Path jsonlDir, long jsonlRotateBytes, URI hecUrl, String kinesisStream, URI kinesisEndpoint) {
  public static final String HEC_TOKEN_ENV = "STRATUM_AUDIT_HEC_TOKEN";
  public static final AuditExportSettings NONE =
      new AuditExportSettings(null, 100L << 20, null, null, null);

  public boolean any() {
    return jsonlDir != null || hecUrl != null || kinesisStream != null;
  }
}
