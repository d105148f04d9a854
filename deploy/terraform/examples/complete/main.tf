# A complete Stratum deployment in a new VPC: two Availability Zones, public subnets for the load
# balancer, private subnets (no NAT gateway, no route to the internet) for everything else, which
# reaches AWS through the module's VPC endpoints.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 2)
}

resource "aws_vpc" "this" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "stratum"
  }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_subnet" "public" {
  count = 2

  vpc_id            = aws_vpc.this.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index)

  tags = {
    Name = "stratum-public-${local.azs[count.index]}"
  }
}

resource "aws_subnet" "private" {
  count = 2

  vpc_id            = aws_vpc.this.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, 10 + count.index)

  tags = {
    Name = "stratum-private-${local.azs[count.index]}"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}

resource "aws_route_table_association" "public" {
  count = 2

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table_association" "private" {
  count = 2

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

module "stratum" {
  source = "../.."

  vpc_id                  = aws_vpc.this.id
  private_subnet_ids      = aws_subnet.private[*].id
  public_subnet_ids       = aws_subnet.public[*].id
  private_route_table_ids = [aws_route_table.private.id]
  allowed_cidrs           = var.allowed_cidrs
  certificate_arn         = var.certificate_arn
  domain_name             = var.domain_name
  container_image         = var.container_image

  # Several tasks over an OpenSearch domain the module creates (2 data nodes in 2 zones), or one
  # task over the embedded index on the data volume.
  opensearch_domain = var.create_opensearch_domain ? {} : null
  task_count        = var.task_count

  # Stratum's configuration keys.
  bedrock_advanced_model_id = var.bedrock_advanced_model_id
  bedrock_basic_model_id    = var.bedrock_basic_model_id
  bedrock_default_backend   = var.bedrock_default_backend
  mantle_api_key_ssm_param  = var.mantle_api_key_ssm_param
  bedrock_cleared_model_ids = distinct([var.bedrock_advanced_model_id, var.bedrock_basic_model_id])
  stratum_allowed_origins   = ["https://${var.domain_name}"]
  stratum_node_id           = var.task_count > 1 ? null : "stratum-1" # several tasks: each its host
}
