# The deployment's choices. The three model lines (terraform.tfvars.example) are Stratum's own
# configuration keys, passed through to the module unchanged, so this terraform.tfvars is also a
# file `stratum models check --config terraform.tfvars` reads.

variable "region" {
  type        = string
  description = "The AWS region to deploy to."
  default     = "us-east-1"
}

variable "domain_name" {
  type        = string
  description = "The host name users open; certificate_arn must cover it, and you point it at the load balancer."
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate for domain_name, in this region."
}

variable "container_image" {
  type        = string
  description = "The Stratum image in this account's ECR (see docs/deploy-aws.md, The image)."
}

variable "allowed_cidrs" {
  type        = list(string)
  description = "Your users' addresses (port 443 only)."
}

variable "bedrock_advanced_model_id" {
  type        = string
  description = "App key: the model that writes answers."
}

variable "bedrock_basic_model_id" {
  type        = string
  description = "App key: the cheaper model for light work."
}

variable "bedrock_default_backend" {
  type        = string
  description = "App key: converse or responses."
}

variable "mantle_api_key_ssm_param" {
  type        = string
  description = "App key: name of the SSM SecureString holding a Bedrock API key (the Responses surface); null to sign with the task role."
  default     = null
}

variable "create_opensearch_domain" {
  type        = bool
  description = "Keep the index in an OpenSearch domain the module creates, instead of the embedded index on the data volume (needed for task_count above 1)."
  default     = false
}

variable "task_count" {
  type        = number
  description = "How many Stratum tasks serve; above 1 needs create_opensearch_domain."
  default     = 1
}
