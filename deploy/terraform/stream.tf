# The OCSF audit export: Stratum writes every audit record to this stream (PutRecords) for a SIEM
# to consume. On-demand capacity, 24 h retention, encrypted with the module's key.

resource "aws_kinesis_stream" "audit" {
  name             = "${var.name}-audit-export"
  retention_period = 24
  encryption_type  = "KMS"
  kms_key_id       = aws_kms_key.this.arn

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
