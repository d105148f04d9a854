# VPC endpoints, so the tasks in private subnets reach AWS without a route to the internet:
# bedrock-runtime (Converse, embeddings, rerank), ECR (api + dkr, and S3 for the layers) and CloudWatch
# Logs for Fargate itself, Secrets Manager and SSM for the task's secrets, KMS, Kinesis, STS.
# Private DNS is on, so the SDK's default host names resolve to them and no *_endpoint_url
# override is needed.
#
# No endpoint for OpenSearch: the module's domain is itself in the private subnets, and the app
# calls its own endpoint (stratum_index_url); the `es` endpoint service is the configuration API,
# which the app does not call.

resource "aws_vpc_endpoint" "interface" {
  for_each = toset(var.interface_endpoint_services)

  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = var.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]

  tags = {
    Name = "${var.name}-${each.value}"
  }
}

resource "aws_vpc_endpoint" "s3" {
  count = length(var.private_route_table_ids) > 0 ? 1 : 0

  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.private_route_table_ids

  tags = {
    Name = "${var.name}-s3"
  }
}
