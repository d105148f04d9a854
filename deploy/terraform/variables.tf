# Two kinds of variables:
#
# 1. The module's own (network, sizing, TLS, the load balancer's sign-in). None of their names starts
#    with an app key's prefix (bedrock_, stratum_, oidc_, kms_, mantle_) or is aws_region.
# 2. Stratum's configuration keys, with the app's exact names and meanings
#    (docs/reference/configuration.md). Each is passed to the container as STRATUM_<KEY> (see
#    local.app_environment in ecs.tf) only when set; null leaves it unset, so the app's default
#    applies. The keys the module derives, and those that mean nothing in AWS, are listed with their
#    reasons in app-keys.json. TerraformModuleIT holds the two lists and the app's key registry
#    together.

# ---- The module's own ------------------------------------------------------------------------

variable "name" {
  type        = string
  description = "Prefix of every resource name (the load balancer's name is limited to 32 characters, so keep this to 20)."
  default     = "stratum"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name))
    error_message = "name: expected 1-20 lower-case letters, digits and '-', starting with a letter."
  }
}

variable "vpc_id" {
  type        = string
  description = "The VPC to deploy into."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Subnets for the tasks, the database, the file system's mount targets and the VPC endpoints: at least two, in different Availability Zones. They need no route to the internet: AWS services are reached through the VPC endpoints."

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "private_subnet_ids: expected at least two subnets in different Availability Zones (RDS needs two)."
  }
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Subnets for the load balancer (public ones for an internet-facing load balancer, private ones with alb_internal = true)."
}

variable "private_route_table_ids" {
  type        = list(string)
  description = "Route tables of the private subnets, for the S3 gateway endpoint the image pull needs (ECR keeps image layers in S3). Empty: no S3 gateway endpoint is created (the VPC has one already)."
  default     = []
}

variable "interface_endpoint_services" {
  type        = list(string)
  description = "Interface VPC endpoints to create, by service name after com.amazonaws.REGION. (private DNS on, so the default AWS host names resolve to them). Remove the ones your VPC already has. Add \"bedrock-mantle\" only where the region offers it as a PrivateLink service (aws ec2 describe-vpc-endpoint-services); otherwise Responses traffic needs a route to the internet."
  default = [
    "bedrock-runtime",
    "ecr.api",
    "ecr.dkr",
    "kinesis-streams",
    "kms",
    "logs",
    "secretsmanager",
    "ssm",
    "sts",
  ]
}

variable "allowed_cidrs" {
  type        = list(string)
  description = "Addresses allowed to reach the load balancer on port 443 (the only port it listens on). The default admits the private address ranges only; list your users' egress ranges, or 0.0.0.0/0 for the whole internet."
  default     = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
}

variable "alb_internal" {
  type        = bool
  description = "Whether the load balancer is internal (reachable only from the VPC and networks routed to it)."
  default     = false
}

variable "certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate the HTTPS listener presents (it must cover domain_name)."
}

variable "ssl_policy" {
  type        = string
  description = "The HTTPS listener's TLS policy."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "domain_name" {
  type        = string
  description = "The host name users open (https://DOMAIN), pointed at the load balancer by you (a Route 53 alias to alb_dns_name / alb_zone_id). It must then be in stratum_allowed_origins, or the web UI's calls are refused. Null: the load balancer's own DNS name (its certificate will not match)."
  default     = null
}

variable "container_image" {
  type        = string
  description = "The Stratum image, in ECR in this account and region (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG or @sha256:...): the tasks pull it through the VPC endpoints."

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9._/-]+[:@]", var.container_image))
    error_message = "container_image: expected an ECR image like 123456789012.dkr.ecr.us-east-1.amazonaws.com/stratum:0.1.0."
  }
}

variable "container_command" {
  type        = list(string)
  description = "Arguments to the image's entrypoint (java -jar /opt/stratum/stratum.jar): serve on all interfaces (the port is STRATUM_PORT, 8080)."
  default     = ["serve", "--host", "0.0.0.0"]
}

variable "container_health_check_command" {
  type        = list(string)
  description = "ECS's health check of the container, run inside it; it asks GET /healthz (liveness). The default is the image's own script (bash, no curl). Null: no container health check (the load balancer's /readyz check still replaces a task that stops answering)."
  default     = ["CMD", "/opt/stratum/healthcheck"]
}

variable "container_data_dir" {
  type        = string
  description = "Where the encrypted EFS volume is mounted in the container; it becomes STRATUM_DATA, the data directory (the Lucene index, the audit trail's keys and signed head)."
  default     = "/var/lib/stratum"
}

variable "data_volume_uid" {
  type        = number
  description = "The POSIX user every access to the data volume runs as (the EFS access point enforces it, whatever user the image runs as)."
  default     = 10001
}

variable "data_volume_gid" {
  type        = number
  description = "The POSIX group every access to the data volume runs as."
  default     = 10001
}

variable "task_cpu" {
  type        = number
  description = "Fargate CPU units for the task (1024 = 1 vCPU)."
  default     = 2048
}

variable "task_memory" {
  type        = number
  description = "Fargate memory for the task, in MiB."
  default     = 4096
}

variable "task_count" {
  type        = number
  description = "How many Stratum tasks serve behind the load balancer. More than 1 needs the index in OpenSearch (opensearch_domain, or stratum_index_url for a domain of your own): the embedded Lucene index has one writer. With more than 1, leave stratum_node_id null, so each task is named by its own host. The module refuses a plan that breaks either."
  default     = 1

  validation {
    condition     = var.task_count >= 1 && floor(var.task_count) == var.task_count
    error_message = "task_count: expected a whole number, 1 or more."
  }
}

variable "opensearch_domain" {
  type = object({
    instance_type         = optional(string, "m7g.large.search")
    instance_count        = optional(number, 2)
    volume_gb             = optional(number, 20)
    engine_version        = optional(string, "OpenSearch_3.3")
    dedicated_master_type = optional(string)
  })
  description = "Create an Amazon OpenSearch Service domain for the index, and point the app at it: { instance_type, instance_count (data nodes, spread over 2 Availability Zones when even, 3 when a multiple of 3), volume_gb (gp3 per node), engine_version, dedicated_master_type (null: no dedicated master nodes; set: 3 of that type) }; every field has a default, so {} creates a 2-node domain. In the private subnets, reachable on 443 from the tasks only, encrypted with the module's key at rest and between nodes, HTTPS only (TLS 1.2 or later), and open to the task role alone. The module then sets stratum_index_url and stratum_index_auth itself (leave them null). Null: no domain."
  default     = null

  validation {
    condition = var.opensearch_domain == null ? true : alltrue([
      can(regex("^OpenSearch_[23]\\.[0-9]+$", var.opensearch_domain.engine_version)),
      can(regex("\\.search$", var.opensearch_domain.instance_type)),
      var.opensearch_domain.instance_count >= 1 && floor(var.opensearch_domain.instance_count) == var.opensearch_domain.instance_count,
      var.opensearch_domain.instance_count == 1 || var.opensearch_domain.instance_count % 2 == 0 || var.opensearch_domain.instance_count % 3 == 0,
      var.opensearch_domain.volume_gb >= 10,
      var.opensearch_domain.dedicated_master_type == null ? true : can(regex("\\.search$", var.opensearch_domain.dedicated_master_type)),
    ])
    error_message = "opensearch_domain: expected engine_version OpenSearch_2.x or OpenSearch_3.x (the k-NN plugin is part of both on the service), instance types ending in .search, instance_count 1 or a multiple of 2 or 3 (the nodes are spread evenly over 2 or 3 Availability Zones), and volume_gb of 10 or more."
  }
}

variable "cpu_architecture" {
  type        = string
  description = "X86_64 or ARM64; it must match the image."
  default     = "X86_64"
}

variable "deregistration_delay_seconds" {
  type        = number
  description = "How long the load balancer lets a stopping task finish its open requests (answers stream for up to bedrock_total_timeout_seconds)."
  default     = 120
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the container log group, in days."
  default     = 90
}

variable "db_instance_class" {
  type        = string
  description = "RDS instance class of the PostgreSQL database."
  default     = "db.t4g.small"
}

variable "db_engine_version" {
  type        = string
  description = "PostgreSQL major version on RDS."
  default     = "16"
}

variable "db_allocated_storage_gb" {
  type        = number
  description = "Initial database storage, in GiB (gp3)."
  default     = 20
}

variable "db_max_allocated_storage_gb" {
  type        = number
  description = "Ceiling for RDS storage autoscaling, in GiB."
  default     = 100
}

variable "db_backup_retention_days" {
  type        = number
  description = "Days of automated RDS backups (point-in-time recovery window)."
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days: expected 1 to 35 (0 would turn automated backups off)."
  }
}

variable "db_multi_az" {
  type        = bool
  description = "Whether RDS keeps a standby in a second Availability Zone (about doubles the instance cost)."
  default     = false
}

variable "db_name" {
  type        = string
  description = "Name of the database Stratum uses."
  default     = "stratum"
}

variable "db_username" {
  type        = string
  description = "Master user of the database; its password is generated and kept by RDS in Secrets Manager."
  default     = "stratum"
}

variable "deletion_protection" {
  type        = bool
  description = "Protect the database and the load balancer from deletion (turn off only to tear a trial down)."
  default     = true
}

variable "key_deletion_window_days" {
  type        = number
  description = "Waiting period before the customer-managed key is deleted after a destroy (7 to 30 days)."
  default     = 30
}

variable "app_secrets" {
  type        = map(string)
  description = "The app's environment-only secrets, by variable name, each the ARN of a Secrets Manager secret (or SSM SecureString parameter) holding it: STRATUM_OIDC_CLIENT_SECRET, STRATUM_AUDIT_HEC_TOKEN, STRATUM_INDEX_USER, STRATUM_INDEX_PASSWORD. ECS reads them when the task starts; Terraform never sees the values."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.app_secrets) : contains(["STRATUM_OIDC_CLIENT_SECRET", "STRATUM_AUDIT_HEC_TOKEN", "STRATUM_INDEX_USER", "STRATUM_INDEX_PASSWORD"], k)])
    error_message = "app_secrets: expected keys among STRATUM_OIDC_CLIENT_SECRET, STRATUM_AUDIT_HEC_TOKEN, STRATUM_INDEX_USER and STRATUM_INDEX_PASSWORD (the database's user and password come from the RDS-managed secret)."
  }
}

variable "grant_mantle_inference" {
  type        = bool
  description = "Grant the task bedrock-mantle:CreateInference (the Responses surface, signed with the task role). Null: granted when bedrock_default_backend is \"responses\"."
  default     = null
}

variable "alb_oidc_issuer" {
  type        = string
  description = "Sign-in at the load balancer (authenticate-oidc) before any browser request reaches Stratum: the identity provider's issuer. Null: no sign-in at the load balancer. Requests carrying an Authorization: Bearer header (API tokens, MCP clients) pass to Stratum, which checks them."
  default     = null
}

variable "alb_oidc_authorization_endpoint" {
  type        = string
  description = "The identity provider's authorization endpoint, for sign-in at the load balancer."
  default     = null
}

variable "alb_oidc_token_endpoint" {
  type        = string
  description = "The identity provider's token endpoint, for sign-in at the load balancer."
  default     = null
}

variable "alb_oidc_user_info_endpoint" {
  type        = string
  description = "The identity provider's user info endpoint, for sign-in at the load balancer."
  default     = null
}

variable "alb_oidc_client_id" {
  type        = string
  description = "The load balancer's client id at the identity provider (its redirect URI is https://DOMAIN/oauth2/idpresponse)."
  default     = null
}

variable "alb_oidc_client_secret_name" {
  type        = string
  description = "Name of the Secrets Manager secret holding the load balancer's client secret. The load balancer's API takes the secret itself, so it is read at plan time and kept in the Terraform state: keep the state encrypted."
  default     = null
}

variable "alb_oidc_scope" {
  type        = string
  description = "Scopes the load balancer asks for."
  default     = "openid email profile"
}

# ---- Stratum's configuration keys: the tiers ---------------------------------------------------

variable "bedrock_advanced_model_id" {
  type        = string
  description = "App key: the model that writes answers (default: the in-process extractive model). Its foundation-model or inference-profile ARN is granted to the task."
  default     = null
}

variable "bedrock_basic_model_id" {
  type        = string
  description = "App key: the cheaper model for light work (default: the advanced model). Granted to the task like the advanced one."
  default     = null
}

variable "bedrock_advanced_reasoning_effort" {
  type        = string
  description = "App key: the advanced tier's reasoning effort, none|minimal|low|medium|high|xhigh, normalized per family."
  default     = null
}

variable "bedrock_basic_reasoning_effort" {
  type        = string
  description = "App key: the basic tier's reasoning effort, none|minimal|low|medium|high|xhigh, normalized per family."
  default     = null
}

variable "bedrock_advanced_input_price" {
  type        = number
  description = "App key: USD per 1M input tokens on the advanced tier (a negotiated rate; default: the catalog's list price)."
  default     = null
}

variable "bedrock_advanced_output_price" {
  type        = number
  description = "App key: USD per 1M output tokens on the advanced tier."
  default     = null
}

variable "bedrock_basic_input_price" {
  type        = number
  description = "App key: USD per 1M input tokens on the basic tier."
  default     = null
}

variable "bedrock_basic_output_price" {
  type        = number
  description = "App key: USD per 1M output tokens on the basic tier."
  default     = null
}

# ---- Stratum's configuration keys: the dispatcher ----------------------------------------------

variable "bedrock_default_backend" {
  type        = string
  description = "App key: converse|responses, the surface for models the catalog does not pin, and the choice among the surfaces a family offers (default converse)."
  default     = null
}

variable "bedrock_cleared_model_ids" {
  type        = list(string)
  description = "App key: the security team's approved list of model ids; a tier outside it fails at startup and a per-request model outside it is refused. Each is granted to the task."
  default     = null
}

variable "bedrock_strict_params" {
  type        = bool
  description = "App key: refuse, instead of dropping, a parameter the model rejects (default false)."
  default     = null
}

variable "bedrock_models_refresh_minutes" {
  type        = number
  description = "App key: every so many minutes serve lists the models Mantle serves against the catalog and logs what is validated, routable or unknown (it never changes what is cleared); null: only `stratum models refresh`."
  default     = null
}

variable "bedrock_stream_keepalive_seconds" {
  type        = number
  description = "App key: keepalive interval while a model is silent (SSE comments), default 10; it keeps the load balancer's 900 s idle timeout from cutting a stream."
  default     = null
}

variable "bedrock_first_byte_timeout_seconds" {
  type        = number
  description = "App key: deadline for a model's first byte (default 60)."
  default     = null
}

variable "bedrock_idle_timeout_seconds" {
  type        = number
  description = "App key: deadline for silence between a model's events; keepalives do not reset it (default 300)."
  default     = null
}

variable "bedrock_total_timeout_seconds" {
  type        = number
  description = "App key: deadline for a whole model call, retries included (default 900)."
  default     = null
}

# ---- Stratum's configuration keys: where AWS is reached ----------------------------------------

variable "aws_region" {
  type        = string
  description = "App key: region of the Bedrock endpoints, KMS and Kinesis (default: the task's AWS_REGION, which is the region this module deploys to). When set it must be that region."
  default     = null
}

variable "bedrock_mantle_signing_name" {
  type        = string
  description = "App key: SigV4 signing name for the OpenAI-compatible surfaces (default bedrock-mantle)."
  default     = null
}

variable "mantle_api_key_ssm_param" {
  type        = string
  description = "App key: name (not value) of the SSM SecureString holding the Bedrock API key, e.g. /prd/stratum/mantle/api-key. The app reads it with the task role at start (SSM GetParameter with decryption) and again when Bedrock refuses the key, so a rotation needs no restart; Terraform never sees the value. With it set, every Bedrock call uses the key."
  default     = null

  validation {
    condition     = var.mantle_api_key_ssm_param == null || can(regex("^/", var.mantle_api_key_ssm_param))
    error_message = "mantle_api_key_ssm_param: expected an SSM parameter name starting with '/'."
  }
}

# ---- Stratum's configuration keys: retrieval ---------------------------------------------------

variable "bedrock_embedding_model_id" {
  type        = string
  description = "App key: the embedding model (default bge-small-en-v1.5-q, in the jar). A Bedrock model is granted to the task. Changing it means re-embedding."
  default     = null
}

variable "bedrock_embedding_dimensions" {
  type        = number
  description = "App key: Titan v2's vector size, 256|512|1024 (default 1024)."
  default     = null
}

variable "bedrock_rerank_model_id" {
  type        = string
  description = "App key: the rerank model (default cohere.rerank-v3-5:0)."
  default     = null
}

variable "bedrock_rerank_enabled" {
  type        = bool
  description = "App key: rerank the best 20 fused passages with Bedrock before answering (default false). When true the rerank model is granted to the task."
  default     = null
}

variable "stratum_lexical_weight" {
  type        = number
  description = "App key: the BM25 list's weight in the fusion (default 1)."
  default     = null
}

variable "stratum_vector_weight" {
  type        = number
  description = "App key: the vector list's weight in the fusion (default 1)."
  default     = null
}

variable "stratum_rrf_k" {
  type        = number
  description = "App key: the fusion's k (default 60)."
  default     = null
}

# ---- Stratum's configuration keys: sign-in, alerts, audit, storage, limits ---------------------

variable "oidc_issuer" {
  type        = string
  description = "App key: accept OIDC JWTs from this identity provider (default: API tokens only). The task needs a route to the provider for its keys."
  default     = null
}

variable "oidc_jwks_url" {
  type        = string
  description = "App key: the identity provider's keys (an http(s) URL)."
  default     = null
}

variable "oidc_audience" {
  type        = string
  description = "App key: the audience its tokens must carry."
  default     = null
}

variable "oidc_groups_claim" {
  type        = string
  description = "App key: the claim listing groups (default groups)."
  default     = null
}

variable "oidc_client_id" {
  type        = string
  description = "App key: browser single sign-on in the app itself: this client's id at the identity provider (code flow + PKCE). Its secret, for a confidential client, goes in app_secrets."
  default     = null
}

variable "oidc_redirect_uri" {
  type        = string
  description = "App key: where the provider sends the browser back, https://DOMAIN/auth/oidc/callback, as registered there."
  default     = null
}

variable "stratum_budget_webhook_url" {
  type        = string
  description = "App key: where budget threshold alerts are POSTed as JSON (default: log only)."
  default     = null
}

variable "stratum_audit_hec_url" {
  type        = string
  description = "App key: Splunk HEC base URL for the OCSF export; its token goes in app_secrets as STRATUM_AUDIT_HEC_TOKEN."
  default     = null
}

variable "stratum_node_id" {
  type        = string
  description = "App key: names this server on the model calls it reserves, so its next start bills the ones a crash cut off. With one task, set it: a Fargate task's host name (the default's part) changes with every task. With task_count above 1, leave it null: the tasks would share it, and the module refuses that."
  default     = null
}

variable "stratum_rate_limit_per_principal_per_minute" {
  type        = number
  description = "App key: requests one signed-in principal may make to /api and /mcp a minute (default 1200; 0: no limit)."
  default     = null
}

variable "stratum_rate_limit_per_address_per_minute" {
  type        = number
  description = "App key: failed sign-ins one source address may make a minute (default 60; 0: no limit). Behind the load balancer every client shares its few addresses."
  default     = null
}

variable "stratum_auth_failure_window_seconds" {
  type        = number
  description = "App key: window in which an address's failed sign-ins after the first are audited as one record (default 60)."
  default     = null
}

variable "stratum_job_lease_seconds" {
  type        = number
  description = "App key: how long a task holds an ingest job without renewing it; a task that dies mid-job hands it to another this long after its last renewal (default 60)."
  default     = null
}

variable "stratum_allowed_origins" {
  type        = list(string)
  description = "App key: web origins whose pages may call /api and /mcp. Behind the load balancer the web UI's own origin, https://DOMAIN, must be listed (the module refuses a plan without it when domain_name is set)."
  default     = null
}

variable "oidc_role_map" {
  type        = map(string)
  description = "App key: roles by identity-provider group: \"org_admin\" or \"WORKSPACE:viewer|member|workspace_admin\", e.g. { \"platform-admins\" = \"org_admin\", \"sec-team\" = \"security:member\" }."
  default     = null
}

variable "stratum_sources" {
  type        = list(map(string))
  description = "App key: the sources `stratum ingest` reads when given none, each { kind = ..., path = ..., workspace = ... }; paths inside the container, e.g. under the data volume (/data/corpus/...)."
  default     = null
}

variable "stratum_index_url" {
  type        = string
  description = "App key: an OpenSearch endpoint (Amazon OpenSearch Service: https://DOMAIN-ENDPOINT) that holds the index instead of the embedded Lucene index on the data volume; null: the embedded index, or the module's own domain when opensearch_domain is set (the module then sets this key itself, so leave it null). Set it for a domain or cluster of your own (see docs/operate/opensearch.md)."
  default     = null
}

variable "stratum_index_auth" {
  type        = string
  description = "App key: how the app signs in to OpenSearch: sigv4 (Amazon OpenSearch Service, with the task role; a domain of your own must grant it es:ESHttp*), basic (STRATUM_INDEX_USER/PASSWORD through app_secrets) or none. With opensearch_domain set the module sets sigv4 itself (leave this null)."
  default     = null
}

variable "stratum_index_prefix" {
  type        = string
  description = "App key: the prefix of the OpenSearch index and its alias (PREFIX-chunks), so several deployments can share one domain."
  default     = null
}
