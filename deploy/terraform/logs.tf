# The container's log (standard error: one JSON object a line with STRATUM_LOG_FORMAT=json),
# encrypted with the module's key.

resource "aws_cloudwatch_log_group" "app" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
}
