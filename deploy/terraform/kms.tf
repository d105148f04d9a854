# One customer-managed key for everything at rest: the audit trail's data keys (the app wraps them
# with kms:Encrypt), the database and its generated master secret, the EFS volume, the Kinesis
# stream, the log group and the OpenSearch domain (when the module creates one). Rotated yearly by
# KMS.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.region

  # Known before the log group exists, so the key policy can name it without a cycle.
  log_group_name = "/ecs/${var.name}"
  log_group_arn  = "arn:${local.partition}:logs:${local.region}:${local.account}:log-group:${local.log_group_name}"
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: audit data keys, database, EFS index volume, OCSF stream, logs"
  enable_key_rotation     = true
  deletion_window_in_days = var.key_deletion_window_days
  policy                  = data.aws_iam_policy_document.key.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

# A key policy's "*" resource means this key. The account's IAM policies decide who else may use it
# (the task role's grants are in iam.tf); CloudWatch Logs, which is no IAM principal of the
# account, is allowed for this one log group only.
data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountIamPolicies"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid = "CloudWatchLogsForTheLogGroup"
    actions = [
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:GenerateDataKey*",
      "kms:ReEncrypt*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = [local.log_group_arn]
    }
  }
}
