output "service_url" {
  description = "Where users open Stratum."
  value       = module.stratum.service_url
}

output "alb_dns_name" {
  description = "Point domain_name here (CNAME, or a Route 53 alias with alb_zone_id)."
  value       = module.stratum.alb_dns_name
}

output "alb_zone_id" {
  description = "The load balancer's hosted zone id, for a Route 53 alias."
  value       = module.stratum.alb_zone_id
}

output "kinesis_stream_arn" {
  description = "The OCSF audit export stream, for your SIEM."
  value       = module.stratum.kinesis_stream_arn
}

output "log_group_name" {
  description = "Stratum's log in CloudWatch."
  value       = module.stratum.log_group_name
}

output "task_role_arn" {
  description = "The role Stratum runs as."
  value       = module.stratum.task_role_arn
}

output "kms_key_arn" {
  description = "The key everything at rest is encrypted with."
  value       = module.stratum.kms_key_arn
}

output "db_endpoint" {
  description = "The PostgreSQL endpoint."
  value       = module.stratum.db_endpoint
}

output "opensearch_endpoint" {
  description = "The OpenSearch domain's endpoint, when create_opensearch_domain is true."
  value       = module.stratum.opensearch_endpoint
}
