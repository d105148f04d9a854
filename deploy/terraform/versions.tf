# Stratum on ECS Fargate in one AWS account and region. The provider is configured by the caller
# (see examples/complete); this module only states what it needs.

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # The resource types and attribute names here are checked against the 6.x provider's schema
      # (checks/, @cdktf/provider-aws 21.22.1 = hashicorp/aws 6.25.0); data.aws_region's `region`
      # attribute is 6.x.
      version = ">= 6.0, < 7.0"
    }
  }
}
