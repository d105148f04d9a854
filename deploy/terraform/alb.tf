# The load balancer: HTTPS only (no port 80 listener, so nothing is ever served or redirected in
# clear text), an idle timeout of 900 s so a model that reasons in silence does not have its stream
# cut (the seed's production lesson; the app also sends keepalives), readiness checked on /readyz.
# Optionally, browsers sign in at the identity provider before any request reaches Stratum.

locals {
  alb_oidc = var.alb_oidc_issuer != null
}

resource "aws_lb" "this" {
  name                       = var.name
  load_balancer_type         = "application"
  internal                   = var.alb_internal
  security_groups            = [aws_security_group.alb.id]
  subnets                    = var.public_subnet_ids
  idle_timeout               = 900
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
}

resource "aws_lb_target_group" "app" {
  name                 = "${var.name}-app"
  port                 = local.app_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = var.deregistration_delay_seconds

  # With several tasks, a browser stays on one (ADR 0005: an MCP session lives on the task that
  # opened it, and a client that keeps cookies keeps its task). Sessions themselves are in the
  # database, so a browser moved to another task stays signed in.
  stickiness {
    type            = "lb_cookie"
    enabled         = var.task_count > 1
    cookie_duration = 86400
  }

  # /readyz answers 503 while the store or the index does not (HttpApi: /healthz is liveness).
  health_check {
    path                = "/readyz"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

data "aws_secretsmanager_secret_version" "alb_oidc" {
  count     = local.alb_oidc ? 1 : 0
  secret_id = var.alb_oidc_client_secret_name
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  dynamic "default_action" {
    for_each = local.alb_oidc ? [1] : []

    content {
      type  = "authenticate-oidc"
      order = 1

      authenticate_oidc {
        issuer                     = var.alb_oidc_issuer
        authorization_endpoint     = var.alb_oidc_authorization_endpoint
        token_endpoint             = var.alb_oidc_token_endpoint
        user_info_endpoint         = var.alb_oidc_user_info_endpoint
        client_id                  = var.alb_oidc_client_id
        client_secret              = data.aws_secretsmanager_secret_version.alb_oidc[0].secret_string
        scope                      = var.alb_oidc_scope
        on_unauthenticated_request = "authenticate"
      }
    }
  }

  default_action {
    type             = "forward"
    order            = 2
    target_group_arn = aws_lb_target_group.app.arn
  }
}

# With sign-in at the load balancer, programs (API tokens, MCP clients, OIDC JWTs) cannot follow
# its browser redirect: a request carrying a bearer credential goes straight to Stratum, which
# checks the credential itself as it does without a load balancer.
resource "aws_lb_listener_rule" "bearer" {
  count = local.alb_oidc ? 1 : 0

  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  condition {
    http_header {
      http_header_name = "Authorization"
      values           = ["Bearer *"]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
