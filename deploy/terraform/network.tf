# Security groups. Only the load balancer takes traffic from outside the VPC, on 443, from
# allowed_cidrs; everything behind it takes traffic only from the group in front of it:
#
#   allowed_cidrs --443--> alb --8080--> app --5432--> db
#                                         |---2049--> efs
#                                         |---443---> opensearch (with opensearch_domain)
#                                         `---443---> endpoints

locals {
  app_port = 8080

  # What the tasks reach inside the VPC: each group admits the tasks on its one port, and the
  # tasks may go there.
  reached_by_tasks = merge(
    {
      db        = { group = aws_security_group.db.id, port = 5432, what = "PostgreSQL" }
      efs       = { group = aws_security_group.efs.id, port = 2049, what = "NFS" }
      endpoints = { group = aws_security_group.endpoints.id, port = 443, what = "HTTPS" }
    },
    local.create_opensearch ? {
      opensearch = { group = aws_security_group.opensearch[0].id, port = 443, what = "HTTPS" }
    } : {},
  )
}

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Stratum load balancer: HTTPS from allowed_cidrs"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "app" {
  name        = "${var.name}-app"
  description = "Stratum tasks: HTTP from the load balancer only"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "Stratum database: PostgreSQL from the tasks only"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "efs" {
  name        = "${var.name}-efs"
  description = "Stratum index volume: NFS from the tasks only"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name}-endpoints"
  description = "VPC endpoints: HTTPS from the Stratum tasks only"
  vpc_id      = var.vpc_id
}

resource "aws_security_group" "opensearch" {
  count = local.create_opensearch ? 1 : 0

  name        = "${var.name}-opensearch"
  description = "Stratum OpenSearch domain: HTTPS from the Stratum tasks only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each = toset(var.allowed_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from ${each.value}"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.app_port
  to_port                      = local.app_port
  referenced_security_group_id = aws_security_group.app.id
}

resource "aws_vpc_security_group_egress_rule" "alb_to_idp" {
  count = local.alb_oidc ? 1 : 0

  security_group_id = aws_security_group.alb.id
  description       = "To the identity provider's token and user info endpoints (sign-in at the load balancer)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.app.id
  description                  = "From the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = local.app_port
  to_port                      = local.app_port
  referenced_security_group_id = aws_security_group.alb.id
}

# HTTPS out: the VPC endpoints, the OpenSearch domain, and whatever the network routes beyond them
# (an identity provider's keys, a budget webhook, Splunk HEC, bedrock-mantle where it has no
# endpoint), and S3 through its gateway endpoint (image layers).
resource "aws_vpc_security_group_egress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS: AWS services through the VPC endpoints, and what the network routes beyond"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "from_tasks" {
  for_each = local.reached_by_tasks

  security_group_id            = each.value.group
  description                  = "${each.value.what} from the tasks"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = aws_security_group.app.id
}

resource "aws_vpc_security_group_egress_rule" "tasks_to" {
  for_each = { for k, v in local.reached_by_tasks : k => v if v.port != 443 } # HTTPS: app_https

  security_group_id            = aws_security_group.app.id
  description                  = "${each.value.what} to ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = each.value.group
}
