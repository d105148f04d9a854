# Two roles. The execution role is ECS's (pull the image, write the log, read the task's secrets
# when it starts); the task role is Stratum's, and grants only what the app calls, each on the one
# resource it calls it on.

locals {
  # The ids the app runs in-process; nothing to grant for them (ModelConfig.LOCAL_MODEL,
  # RetrievalModels.LOCAL_EMBEDDING).
  local_model_ids = ["stratum-local-extractive", "bge-small-en-v1.5-q"]

  # The app's default rerank model (BedrockReranker.COHERE_RERANK_V35), granted when rerank is on.
  default_rerank_model_id = "cohere.rerank-v3-5:0"

  # Every model the app may call on bedrock-runtime: the tiers, Bedrock embeddings and rerank, and
  # the cleared list (a per-request model must be in it).
  bedrock_model_ids = distinct([
    for id in concat(
      [
        var.bedrock_advanced_model_id,
        var.bedrock_basic_model_id,
        var.bedrock_embedding_model_id,
        var.bedrock_rerank_enabled == true ? coalesce(var.bedrock_rerank_model_id, local.default_rerank_model_id) : null,
      ],
      var.bedrock_cleared_model_ids == null ? [] : var.bedrock_cleared_model_ids,
    ) : id if(id == null ? false : !contains(local.local_model_ids, id))
  ])

  # A system-defined cross-Region inference profile is the model id with a geography prefix
  # (us.anthropic.claude-sonnet-4-6). Invoking one needs the profile in this region and the model
  # in every region the profile routes to, hence the region wildcard in the foundation-model ARN;
  # a global profile's model is also named without a region (the AWS docs' form for global
  # profiles; not verified against a live account).
  inference_profile_geographies = ["us", "eu", "apac", "global", "us-gov", "jp", "au"]

  models = [
    for id in local.bedrock_model_ids : {
      id      = id
      profile = length(split(".", id)) > 2 && contains(local.inference_profile_geographies, split(".", id)[0])
      global  = split(".", id)[0] == "global"
      base    = join(".", slice(split(".", id), 1, length(split(".", id))))
    }
  ]

  model_arns = distinct(flatten([
    for m in local.models : m.profile ? concat(
      [
        "arn:${local.partition}:bedrock:${local.region}:${local.account}:inference-profile/${m.id}",
        "arn:${local.partition}:bedrock:*::foundation-model/${m.base}",
      ],
      m.global ? ["arn:${local.partition}:bedrock:::foundation-model/${m.base}"] : [],
    ) : ["arn:${local.partition}:bedrock:${local.region}::foundation-model/${m.id}"]
  ]))

  grant_mantle = var.grant_mantle_inference != null ? var.grant_mantle_inference : var.bedrock_default_backend == "responses"

  mantle_param_arn = var.mantle_api_key_ssm_param == null ? null : "arn:${local.partition}:ssm:${local.region}:${local.account}:parameter${var.mantle_api_key_ssm_param}"

  ecr_image     = regex("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)", var.container_image)
  ecr_repo_arn  = "arn:${local.partition}:ecr:${local.ecr_image[1]}:${local.ecr_image[0]}:repository/${local.ecr_image[2]}"
  db_secret_arn = aws_db_instance.this.master_user_secret[0].secret_arn
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

# ---- The task role: Stratum's own calls ---------------------------------------------------------

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy" "task" {
  name   = "stratum"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

data "aws_iam_policy_document" "task" {
  # Converse is authorized as bedrock:InvokeModel and ConverseStream as
  # bedrock:InvokeModelWithResponseStream (shared/specs/bedrock-apis.md 1.1); embeddings and rerank
  # are InvokeModel. No other bedrock action is called.
  dynamic "statement" {
    for_each = length(local.model_arns) > 0 ? [1] : []

    content {
      sid       = "InvokeTheConfiguredModels"
      actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
      resources = local.model_arns
    }
  }

  # The Responses surface (bedrock-mantle) signed with the task role: the inference action of the
  # AmazonBedrockMantleInferenceAccess managed policy, on this account's projects in this region
  # (the app uses the default project). Mantle's IAM documents no per-model resource, so the model
  # cannot be narrowed here; bedrock_cleared_model_ids holds that line in the app. Unconfirmed
  # against a live account: whether CreateInference alone suffices without GetProject.
  dynamic "statement" {
    for_each = local.grant_mantle ? [1] : []

    content {
      sid       = "MantleInference"
      actions   = ["bedrock-mantle:CreateInference"]
      resources = ["arn:${local.partition}:bedrock-mantle:${local.region}:${local.account}:project/*"]
    }
  }

  # The Bedrock API key's parameter: the app reads it at start and again when Bedrock refuses the
  # key (a rotation), so a new value is picked up without a restart.
  dynamic "statement" {
    for_each = local.mantle_param_arn == null ? [] : [1]

    content {
      sid       = "ReadTheMantleKeyParameter"
      actions   = ["ssm:GetParameter"]
      resources = [local.mantle_param_arn]
    }
  }

  # The audit trail's data keys, wrapped and unwrapped by the app with this encryption context
  # (KmsKeyWrapper.CONTEXT).
  statement {
    sid       = "WrapAuditDataKeys"
    actions   = ["kms:Encrypt", "kms:Decrypt"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:stratum:purpose"
      values   = ["audit-data-key"]
    }
  }

  # Writing to the KMS-encrypted stream: Kinesis asks for a data key on the producer's behalf.
  statement {
    sid       = "EncryptForTheAuditStream"
    actions   = ["kms:GenerateDataKey"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["kinesis.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "PutAuditRecords"
    actions   = ["kinesis:PutRecord", "kinesis:PutRecords"]
    resources = [aws_kinesis_stream.audit.arn]
  }

  # The module's OpenSearch domain, when it creates one: the HTTP actions the app sends, on that
  # domain's indexes only (its access policy admits this role alone, in opensearch.tf). A domain of
  # your own (stratum_index_url) is granted by you.
  dynamic "statement" {
    for_each = local.create_opensearch ? [1] : []

    content {
      sid       = "UseTheIndexDomain"
      actions   = local.opensearch_http_actions
      resources = ["${aws_opensearch_domain.index[0].arn}/*"]
    }
  }

  statement {
    sid       = "MountTheDataVolume"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [aws_efs_file_system.data.arn]

    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = [aws_efs_access_point.data.arn]
    }
  }
}

# ---- The execution role: ECS starting the task --------------------------------------------------

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy" "execution" {
  name   = "start-stratum"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

data "aws_iam_policy_document" "execution" {
  # ECR's token is account-wide: the action takes no resource.
  statement {
    sid       = "EcrToken"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "PullTheImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [local.ecr_repo_arn]
  }

  statement {
    sid       = "WriteTheLog"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.app.arn}:*"]
  }

  # The task's secrets: the database credentials RDS generated, and the ones in app_secrets.
  statement {
    sid       = "ReadTheTaskSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = concat([local.db_secret_arn, aws_secretsmanager_secret.admin_token.arn], [for arn in values(var.app_secrets) : arn if startswith(arn, "arn:${local.partition}:secretsmanager:")])
  }

  dynamic "statement" {
    for_each = length(local.ssm_secret_arns) > 0 ? [1] : []

    content {
      sid       = "ReadTheTaskParameters"
      actions   = ["ssm:GetParameters"]
      resources = local.ssm_secret_arns
    }
  }

  # The database secret is encrypted with the module's key; secrets of your own under other
  # customer-managed keys need the same grant on those keys.
  statement {
    sid       = "DecryptTheTaskSecrets"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com", "ssm.${local.region}.amazonaws.com"]
    }
  }
}

locals {
  ssm_secret_arns = concat(
    [for arn in values(var.app_secrets) : arn if startswith(arn, "arn:${local.partition}:ssm:")],
  )
}
