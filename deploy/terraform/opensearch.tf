# The index in Amazon OpenSearch Service, when var.opensearch_domain asks for it: the shared index
# that lets several tasks serve one corpus (#17; the embedded Lucene index has one writer). The
# k-NN plugin the index needs is part of every OpenSearch engine version on the service.
#
# The domain sits in the private subnets (no public endpoint) behind a security group only the
# tasks reach, on 443; it is encrypted at rest with the module's key and between its nodes, takes
# HTTPS only (TLS 1.2 or later), and its access policy admits the task role alone, which signs its
# requests (SigV4, signing name es). The app is pointed at it in local.app_environment (ecs.tf).

locals {
  create_opensearch = var.opensearch_domain != null

  # The index is shared when it is in OpenSearch: the module's domain or one named in
  # stratum_index_url.
  index_on_opensearch = local.create_opensearch || var.stratum_index_url != null

  # 3 to 28 characters, starting with a letter: var.name is at most 20.
  opensearch_domain_name = "${var.name}-index"

  # Known before the domain exists, so its own access policy can name it without a cycle.
  opensearch_domain_arn = "arn:${local.partition}:es:${local.region}:${local.account}:domain/${local.opensearch_domain_name}"

  # The data nodes spread evenly over the Availability Zones: 2 for an even count, 3 for a
  # multiple of 3, none for a single node (the variable's validation admits nothing else).
  opensearch_zones = !local.create_opensearch ? 1 : (
    var.opensearch_domain.instance_count == 1 ? 1 : var.opensearch_domain.instance_count % 2 == 0 ? 2 : 3
  )

  # What the app sends the domain: index and alias management, bulk writes, searches, existence
  # checks (HEAD). Nothing else is granted.
  opensearch_http_actions = ["es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut"]
}

resource "aws_opensearch_domain" "index" {
  count = local.create_opensearch ? 1 : 0

  domain_name     = local.opensearch_domain_name
  engine_version  = var.opensearch_domain.engine_version
  access_policies = data.aws_iam_policy_document.opensearch_access.json

  cluster_config {
    instance_type          = var.opensearch_domain.instance_type
    instance_count         = var.opensearch_domain.instance_count
    zone_awareness_enabled = local.opensearch_zones > 1

    dynamic "zone_awareness_config" {
      for_each = local.opensearch_zones > 1 ? [1] : []

      content {
        availability_zone_count = local.opensearch_zones
      }
    }

    dedicated_master_enabled = var.opensearch_domain.dedicated_master_type != null
    dedicated_master_type    = var.opensearch_domain.dedicated_master_type
    dedicated_master_count   = var.opensearch_domain.dedicated_master_type == null ? null : 3
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.opensearch_domain.volume_gb
  }

  # One subnet per Availability Zone the nodes use (the precondition below says when there are too
  # few); no vpc_options would mean a public endpoint.
  vpc_options {
    subnet_ids         = slice(var.private_subnet_ids, 0, min(local.opensearch_zones, length(var.private_subnet_ids)))
    security_group_ids = [aws_security_group.opensearch[0].id]
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.this.arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  # Required service software updates are applied in the domain's off-peak window rather than
  # left until the service isolates the domain.
  software_update_options {
    auto_software_update_enabled = true
  }

  tags = {
    Name = local.opensearch_domain_name
  }

  lifecycle {
    precondition {
      condition     = length(var.private_subnet_ids) >= local.opensearch_zones
      error_message = "opensearch_domain: instance_count = ${var.opensearch_domain.instance_count} spreads the nodes over ${local.opensearch_zones} Availability Zones, but private_subnet_ids lists ${length(var.private_subnet_ids)} subnets: list one private subnet in each zone, or choose an even instance_count (2 zones)."
    }
  }
}

# The domain's resource policy: the task role, and only the HTTP actions the app sends, on the
# domain's indexes. (The task role's own policy grants the same, in iam.tf.)
data "aws_iam_policy_document" "opensearch_access" {
  statement {
    sid       = "TheStratumTasks"
    actions   = local.opensearch_http_actions
    resources = ["${local.opensearch_domain_arn}/*"]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.task.arn]
    }
  }
}
