package io.stratum.app.config;

import java.net.URI;

/**
 * The audit trail's key and where it is exported.
 *
 * @param kmsKeyArn {@code kms_key_arn}: the KMS key that wraps the trail's data keys, or null for
 *     the local key file
 * @param kmsEndpoint {@code kms_endpoint_url}: overrides the KMS endpoint (a VPC endpoint), or null
 * @param export the SIEM sinks the trail is exported to
 */
public record AuditSettings(String kmsKeyArn, URI kmsEndpoint, AuditExportSettings export) {
  static AuditSettings read(Values v) {
    return new AuditSettings(
        v.get(ServiceKeys.KMS_KEY_ARN),
        v.get(ServiceKeys.KMS_ENDPOINT),
        AuditExportSettings.read(v));
  }
}
