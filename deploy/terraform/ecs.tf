# Stratum's tasks on Fargate, in the private subnets, behind the load balancer.
#
# One task by default: the embedded Lucene index is a directory one process writes, so an update
# stops the old task before it starts the new one (a short outage) instead of running two over one
# index. With the index in OpenSearch (#17: the module's domain, or stratum_index_url) the tasks
# share it, so task_count may be more than 1, and an update starts the new tasks before it stops
# the old ones (unless stratum_node_id is set: two tasks must never carry one node id). The
# database is always the module's PostgreSQL, which several nodes share (ADR 0005).

locals {
  # Stratum's configuration keys, by the environment variable the app reads each one from:
  # STRATUM_ + the key in upper case (ConfigKeys, Key.Builder). A null value is left out of the
  # task, so the app's default applies. Lists are written a,b (Key.Builder.envList); a map or a list
  # of objects as JSON, which the app reads as HCL because it opens with { or [.
  app_environment = {
    STRATUM_BEDROCK_ADVANCED_MODEL_ID                   = var.bedrock_advanced_model_id
    STRATUM_BEDROCK_BASIC_MODEL_ID                      = var.bedrock_basic_model_id
    STRATUM_BEDROCK_ADVANCED_REASONING_EFFORT           = var.bedrock_advanced_reasoning_effort
    STRATUM_BEDROCK_BASIC_REASONING_EFFORT              = var.bedrock_basic_reasoning_effort
    STRATUM_BEDROCK_ADVANCED_INPUT_PRICE                = tostring(var.bedrock_advanced_input_price)
    STRATUM_BEDROCK_ADVANCED_OUTPUT_PRICE               = tostring(var.bedrock_advanced_output_price)
    STRATUM_BEDROCK_BASIC_INPUT_PRICE                   = tostring(var.bedrock_basic_input_price)
    STRATUM_BEDROCK_BASIC_OUTPUT_PRICE                  = tostring(var.bedrock_basic_output_price)
    STRATUM_BEDROCK_DEFAULT_BACKEND                     = var.bedrock_default_backend
    STRATUM_BEDROCK_CLEARED_MODEL_IDS                   = var.bedrock_cleared_model_ids == null ? null : join(",", var.bedrock_cleared_model_ids)
    STRATUM_BEDROCK_STRICT_PARAMS                       = tostring(var.bedrock_strict_params)
    STRATUM_BEDROCK_STREAM_KEEPALIVE_SECONDS            = tostring(var.bedrock_stream_keepalive_seconds)
    STRATUM_BEDROCK_MODELS_REFRESH_MINUTES              = tostring(var.bedrock_models_refresh_minutes)
    STRATUM_BEDROCK_FIRST_BYTE_TIMEOUT_SECONDS          = tostring(var.bedrock_first_byte_timeout_seconds)
    STRATUM_BEDROCK_IDLE_TIMEOUT_SECONDS                = tostring(var.bedrock_idle_timeout_seconds)
    STRATUM_BEDROCK_TOTAL_TIMEOUT_SECONDS               = tostring(var.bedrock_total_timeout_seconds)
    STRATUM_AWS_REGION                                  = var.aws_region
    STRATUM_BEDROCK_MANTLE_SIGNING_NAME                 = var.bedrock_mantle_signing_name
    STRATUM_MANTLE_API_KEY_SSM_PARAM                    = var.mantle_api_key_ssm_param
    STRATUM_BEDROCK_EMBEDDING_MODEL_ID                  = var.bedrock_embedding_model_id
    STRATUM_BEDROCK_EMBEDDING_DIMENSIONS                = tostring(var.bedrock_embedding_dimensions)
    STRATUM_BEDROCK_RERANK_MODEL_ID                     = var.bedrock_rerank_model_id
    STRATUM_BEDROCK_RERANK_ENABLED                      = tostring(var.bedrock_rerank_enabled)
    STRATUM_STRATUM_LEXICAL_WEIGHT                      = tostring(var.stratum_lexical_weight)
    STRATUM_STRATUM_VECTOR_WEIGHT                       = tostring(var.stratum_vector_weight)
    STRATUM_STRATUM_RRF_K                               = tostring(var.stratum_rrf_k)
    STRATUM_OIDC_ISSUER                                 = var.oidc_issuer
    STRATUM_OIDC_JWKS_URL                               = var.oidc_jwks_url
    STRATUM_OIDC_AUDIENCE                               = var.oidc_audience
    STRATUM_OIDC_GROUPS_CLAIM                           = var.oidc_groups_claim
    STRATUM_OIDC_CLIENT_ID                              = var.oidc_client_id
    STRATUM_OIDC_REDIRECT_URI                           = var.oidc_redirect_uri
    STRATUM_STRATUM_BUDGET_WEBHOOK_URL                  = var.stratum_budget_webhook_url
    STRATUM_STRATUM_AUDIT_HEC_URL                       = var.stratum_audit_hec_url
    STRATUM_STRATUM_NODE_ID                             = var.stratum_node_id
    STRATUM_STRATUM_RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE = tostring(var.stratum_rate_limit_per_principal_per_minute)
    STRATUM_STRATUM_RATE_LIMIT_PER_ADDRESS_PER_MINUTE   = tostring(var.stratum_rate_limit_per_address_per_minute)
    STRATUM_STRATUM_AUTH_FAILURE_WINDOW_SECONDS         = tostring(var.stratum_auth_failure_window_seconds)
    STRATUM_STRATUM_JOB_LEASE_SECONDS                   = tostring(var.stratum_job_lease_seconds)
    STRATUM_STRATUM_ALLOWED_ORIGINS                     = var.stratum_allowed_origins == null ? null : join(",", var.stratum_allowed_origins)
    STRATUM_OIDC_ROLE_MAP                               = var.oidc_role_map == null ? null : jsonencode(var.oidc_role_map)
    STRATUM_STRATUM_INDEX_URL                           = local.create_opensearch ? "https://${aws_opensearch_domain.index[0].endpoint}" : var.stratum_index_url
    STRATUM_STRATUM_INDEX_AUTH                          = local.create_opensearch ? "sigv4" : var.stratum_index_auth
    STRATUM_STRATUM_INDEX_PREFIX                        = var.stratum_index_prefix
    STRATUM_STRATUM_SOURCES                             = var.stratum_sources == null ? null : jsonencode(var.stratum_sources)

    # Derived from this module's resources (app-keys.json, "derived"). The two index keys above are
    # too when the module creates the domain ("derived_when_created").
    STRATUM_STRATUM_DATABASE_URL         = "jdbc:postgresql://${aws_db_instance.this.address}:${aws_db_instance.this.port}/${var.db_name}?sslmode=require"
    STRATUM_KMS_KEY_ARN                  = aws_kms_key.this.arn
    STRATUM_STRATUM_AUDIT_KINESIS_STREAM = aws_kinesis_stream.audit.name
  }

  # The launcher's settings, not configuration keys.
  runtime_environment = {
    STRATUM_DATA              = var.container_data_dir
    STRATUM_PORT              = tostring(local.app_port)
    STRATUM_LOG_FORMAT        = "json"
    AWS_REGION                = local.region
    AWS_EC2_METADATA_DISABLED = "true" # credentials come from the task role's container endpoint
    DJL_OFFLINE               = "true"
  }

  # The database credentials RDS generated and keeps in Secrets Manager (app-keys.json,
  # "database_secrets"): never in the task definition, read by ECS when the task starts.
  db_secrets = [
    { name = "STRATUM_DATABASE_USER", valueFrom = "${local.db_secret_arn}:username::" },
    { name = "STRATUM_DATABASE_PASSWORD", valueFrom = "${local.db_secret_arn}:password::" },
  ]

  container_secrets = concat(
    local.db_secrets,
    [{ name = "STRATUM_ADMIN_TOKEN", valueFrom = aws_secretsmanager_secret.admin_token.arn }],
    [for name, arn in var.app_secrets : { name = name, valueFrom = arn }],
  )

  container_environment = [
    for name, value in merge(local.app_environment, local.runtime_environment) : { name = name, value = value } if value != null
  ]

  # An update may run old and new tasks side by side only over a shared index, and only when each
  # task is named by its own host: a new task carrying the old one's stratum_node_id would bill the
  # old one's calls in flight as interrupted and take over its jobs.
  rolling_updates = local.index_on_opensearch && var.stratum_node_id == null
}

resource "aws_ecs_cluster" "this" {
  name = var.name
}

resource "aws_ecs_task_definition" "app" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # /tmp: ONNX Runtime unpacks its native library there; the rest of the root is read-only.
  volume {
    name = "tmp"
  }

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.data.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.data.id
        iam             = "ENABLED"
      }
    }
  }

  container_definitions = jsonencode([
    {
      name        = "stratum"
      image       = var.container_image
      essential   = true
      command     = var.container_command
      stopTimeout = 120
      # The image runs as uid 10001 and writes only /data and /tmp (docs/operate/container-image.md).
      readonlyRootFilesystem = true
      portMappings = [
        { containerPort = local.app_port, protocol = "tcp" },
      ]
      environment = local.container_environment
      secrets     = local.container_secrets
      mountPoints = [
        { sourceVolume = "data", containerPath = var.container_data_dir, readOnly = false },
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.app.name
          awslogs-region        = local.region
          awslogs-stream-prefix = "stratum"
        }
      }
      healthCheck = var.container_health_check_command == null ? null : {
        command     = var.container_health_check_command
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 90
      }
    },
  ])

  lifecycle {
    precondition {
      condition     = var.aws_region == null || var.aws_region == local.region
      error_message = "aws_region: expected the region this module deploys to (${local.region}), or null."
    }

    precondition {
      condition     = var.domain_name == null ? true : contains(var.stratum_allowed_origins == null ? [] : var.stratum_allowed_origins, "https://${var.domain_name}")
      error_message = "stratum_allowed_origins: expected it to list \"https://${coalesce(var.domain_name, "DOMAIN")}\", the web UI's origin behind the load balancer; without it the app refuses the UI's calls to /api and /mcp."
    }

    precondition {
      condition     = !local.create_opensearch || (var.stratum_index_url == null && var.stratum_index_auth == null)
      error_message = "stratum_index_url, stratum_index_auth: with opensearch_domain set the module points the app at its own domain (https://ENDPOINT, sigv4 with the task role); leave both null, or set opensearch_domain = null to use the OpenSearch named in stratum_index_url."
    }
  }
}

resource "aws_ecs_service" "app" {
  name             = var.name
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.app.arn
  desired_count    = var.task_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"

  # Stop the old tasks, then start the new ones; or, with rolling_updates, start the new tasks first,
  # so an update serves throughout.
  deployment_minimum_healthy_percent = local.rolling_updates ? 100 : 0
  deployment_maximum_percent         = local.rolling_updates ? 200 : 100
  health_check_grace_period_seconds  = 120

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "stratum"
    container_port   = local.app_port
  }

  depends_on = [aws_lb_listener.https, aws_efs_mount_target.data]

  lifecycle {
    precondition {
      condition     = var.task_count == 1 || local.index_on_opensearch
      error_message = "task_count = ${var.task_count}: several tasks need a shared index, and the index is the embedded Lucene one on the data volume, which one process writes. Set opensearch_domain (the module creates an OpenSearch domain and points the tasks at it) or stratum_index_url (an OpenSearch of your own), or keep task_count = 1."
    }

    # Always true today (storage.tf): several nodes share one PostgreSQL (sessions, jobs, budgets,
    # the audit chain); a SQLite file on the volume could not be shared.
    precondition {
      condition     = var.task_count == 1 || aws_db_instance.this.engine == "postgres"
      error_message = "task_count = ${var.task_count}: several tasks need the shared PostgreSQL database; keep task_count = 1 with any other store."
    }

    precondition {
      condition     = var.task_count == 1 || var.stratum_node_id == null
      error_message = "task_count = ${var.task_count} with stratum_node_id = \"${coalesce(var.stratum_node_id, "-")}\": every task would carry the same node id, so a task starting would bill the model calls the others have in flight as interrupted and take over their jobs. Set stratum_node_id = null (each task is then named by its own host), or keep task_count = 1."
    }
  }
}

# The first org admin's token: generated once into Secrets Manager (under the module's key) and
# handed to the task as STRATUM_ADMIN_TOKEN, so a first start registers it instead of printing a
# new one into the log. Read it with `aws secretsmanager get-secret-value` (output
# admin_token_secret_arn); rotate by issuing a new token in the app and revoking this one.
data "aws_secretsmanager_random_password" "admin_token" {
  password_length     = 43
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "admin_token" {
  name_prefix             = "${var.name}-admin-token-"
  description             = "Stratum's first org-admin API token (STRATUM_ADMIN_TOKEN)"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "admin_token" {
  secret_id     = aws_secretsmanager_secret.admin_token.id
  secret_string = "stt_${data.aws_secretsmanager_random_password.admin_token.random_password}"

  lifecycle {
    # the data source draws a new value on every plan; the first one stays
    ignore_changes = [secret_string]
  }
}
