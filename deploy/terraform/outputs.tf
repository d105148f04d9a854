output "service_url" {
  description = "Where users open Stratum: https://domain_name, or the load balancer's own name when no domain is set."
  value       = "https://${coalesce(var.domain_name, aws_lb.this.dns_name)}"
}

output "alb_dns_name" {
  description = "The load balancer's DNS name, for a CNAME or (with alb_zone_id) a Route 53 alias of domain_name."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "The load balancer's hosted zone id, for a Route 53 alias record."
  value       = aws_lb.this.zone_id
}

output "kinesis_stream_arn" {
  description = "ARN of the OCSF audit export stream, for the SIEM's consumer."
  value       = aws_kinesis_stream.audit.arn
}

output "log_group_name" {
  description = "The CloudWatch log group of the Stratum container."
  value       = aws_cloudwatch_log_group.app.name
}

output "task_role_arn" {
  description = "The role Stratum's calls to Bedrock, KMS, SSM, Kinesis and OpenSearch run as."
  value       = aws_iam_role.task.arn
}

output "kms_key_arn" {
  description = "The customer-managed key of the audit data keys, the database, the data volume, the stream, the log group and the OpenSearch domain."
  value       = aws_kms_key.this.arn
}

output "db_endpoint" {
  description = "The PostgreSQL endpoint (host:port), reachable from the tasks only."
  value       = aws_db_instance.this.endpoint
}

output "db_master_secret_arn" {
  description = "The Secrets Manager secret in which RDS keeps the database's user and password."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "opensearch_endpoint" {
  description = "The host name of the module's OpenSearch domain (the app uses https://ENDPOINT), reachable from the tasks only; null when opensearch_domain is null."
  value       = one(aws_opensearch_domain.index[*].endpoint)
}

output "efs_file_system_id" {
  description = "The encrypted EFS volume holding the data directory (the index), backed up daily by AWS Backup."
  value       = aws_efs_file_system.data.id
}

output "ecs_cluster_name" {
  description = "The ECS cluster, for `aws ecs update-service --force-new-deployment` after a key rotation."
  value       = aws_ecs_cluster.this.name
}

output "ecs_service_name" {
  description = "The ECS service running Stratum."
  value       = aws_ecs_service.app.name
}

output "admin_token_secret_arn" {
  description = "The Secrets Manager secret holding the first org admin's API token (aws secretsmanager get-secret-value --secret-id ARN)."
  value       = aws_secretsmanager_secret.admin_token.arn
}
