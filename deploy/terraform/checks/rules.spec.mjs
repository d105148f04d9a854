// Each rule fails on a module that breaks it, naming the resource and its file: small HCL
// fixtures, parsed like the real module.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromSources } from './lib/module.mjs';
import * as rules from './lib/rules.mjs';

const hcl = (text) => fromSources({ 'main.tf': text });

describe('albIdleTimeout', () => {
  test('fails on the default 60 s idle timeout', async () => {
    const m = await hcl('resource "aws_lb" "this" {\n  load_balancer_type = "application"\n}\n');
    assert.deepEqual(rules.albIdleTimeout(m), ['aws_lb.this (main.tf): idle_timeout is undefined, expected 900']);
  });

  test('fails on 60', async () => {
    const m = await hcl('resource "aws_lb" "x" {\n  idle_timeout = 60\n}\n');
    assert.deepEqual(rules.albIdleTimeout(m), ['aws_lb.x (main.tf): idle_timeout is 60, expected 900']);
  });
});

describe('noOpenIngress', () => {
  const alb = `
resource "aws_lb" "this" {
  security_groups = [aws_security_group.alb.id]
}
resource "aws_security_group" "alb" {}
resource "aws_security_group" "app" {}
`;

  test("passes the load balancer's group open to the world on 443", async () => {
    const m = await hcl(`${alb}
resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.alb.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
`);
    assert.deepEqual(rules.noOpenIngress(m), []);
  });

  test("fails the load balancer's group open to the world on 80", async () => {
    const m = await hcl(`${alb}
resource "aws_vpc_security_group_ingress_rule" "http" {
  security_group_id = aws_security_group.alb.id
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}
`);
    assert.deepEqual(rules.noOpenIngress(m), [
      "aws_vpc_security_group_ingress_rule.http (main.tf): admits 0.0.0.0/0 on ports 80-80; only the load balancer's group may, on 443 alone",
    ]);
  });

  test("fails another group open to the world through a variable's default and for_each", async () => {
    const m = await hcl(`${alb}
variable "cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8", "::/0"]
}
resource "aws_vpc_security_group_ingress_rule" "app" {
  for_each          = toset(var.cidrs)
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = each.value
}
`);
    assert.deepEqual(rules.noOpenIngress(m), [
      "aws_vpc_security_group_ingress_rule.app (main.tf): admits ::/0 on ports 443-443; only the load balancer's group may, on 443 alone",
    ]);
  });

  test('fails an inline ingress block and an aws_security_group_rule open to the world', async () => {
    const m = await hcl(`
resource "aws_security_group" "db" {
  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}
`);
    assert.deepEqual(rules.noOpenIngress(m), [
      "aws_security_group.db (main.tf): ingress: admits 0.0.0.0/0 on ports 5432-5432; only the load balancer's group may, on 443 alone",
      "aws_security_group_rule.ssh (main.tf): admits 0.0.0.0/0 on ports 22-22; only the load balancer's group may, on 443 alone",
    ]);
  });

  test('fails a CIDR it cannot read', async () => {
    const m = await hcl(`
resource "aws_vpc_security_group_ingress_rule" "x" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = cidrsubnet(data.aws_vpc.this.cidr_block, 0, 0)
}
`);
    assert.equal(rules.noOpenIngress(m).length, 1);
    assert.match(rules.noOpenIngress(m)[0], /^aws_vpc_security_group_ingress_rule\.x \(main\.tf\): cannot read the CIDR/);
  });
});

describe('customerKeyAtRest', () => {
  test('fails storage without the module key, or unencrypted', async () => {
    const m = await hcl(`
resource "aws_kms_key" "this" {}
resource "aws_cloudwatch_log_group" "app" {
  name = "x"
}
resource "aws_kinesis_stream" "s" {
  kms_key_id = "alias/aws/kinesis"
}
resource "aws_efs_file_system" "d" {
  kms_key_id = aws_kms_key.this.arn
}
resource "aws_ssm_parameter" "p" {
  key_id = aws_kms_key.this.arn
}
resource "aws_s3_bucket" "b" {}
`);
    assert.deepEqual(rules.customerKeyAtRest(m), [
      "aws_cloudwatch_log_group.app (main.tf): kms_key_id does not name the module's key (aws_kms_key.NAME.arn)",
      'aws_efs_file_system.d (main.tf): encrypted is undefined, expected true',
      "aws_kinesis_stream.s (main.tf): kms_key_id does not name the module's key (aws_kms_key.NAME.arn)",
      'aws_kinesis_stream.s (main.tf): encryption_type is undefined, expected "KMS"',
      "aws_s3_bucket.b (main.tf): no aws_s3_bucket_server_side_encryption_configuration names the module's key for it",
    ]);
  });

  test("fails an OpenSearch domain under AWS's own key, or not encrypted at rest", async () => {
    const m = await hcl(`
resource "aws_opensearch_domain" "aws_key" {
  encrypt_at_rest {
    enabled    = true
    kms_key_id = "alias/aws/es"
  }
}
resource "aws_opensearch_domain" "off" {
  encrypt_at_rest {
    enabled    = false
    kms_key_id = aws_kms_key.this.arn
  }
}
resource "aws_opensearch_domain" "none" {}
resource "aws_opensearch_domain" "fine" {
  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.this.arn
  }
}
`);
    // in the parser's order: by name
    assert.deepEqual(rules.customerKeyAtRest(m), [
      "aws_opensearch_domain.aws_key (main.tf): encrypt_at_rest.kms_key_id does not name the module's key (aws_kms_key.NAME.arn)",
      "aws_opensearch_domain.none (main.tf): encrypt_at_rest.kms_key_id does not name the module's key (aws_kms_key.NAME.arn)",
      'aws_opensearch_domain.none (main.tf): encrypt_at_rest.enabled is undefined, expected true',
      'aws_opensearch_domain.off (main.tf): encrypt_at_rest.enabled is false, expected true',
    ]);
  });

  test("fails an RDS-managed master secret under AWS's default key", async () => {
    const m = await hcl(`
resource "aws_db_instance" "db" {
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.this.arn
  manage_master_user_password = true
}
`);
    assert.deepEqual(rules.customerKeyAtRest(m), [
      "aws_db_instance.db (main.tf): master_user_secret_kms_key_id does not name the module's key",
    ]);
  });
});

describe('noWildcardResources', () => {
  test('fails Bedrock, KMS, SSM, Kinesis or any action on "*", also in a dynamic statement', async () => {
    const m = await hcl(`
data "aws_iam_policy_document" "task" {
  statement {
    sid       = "Models"
    actions   = ["bedrock:InvokeModel"]
    resources = ["*"]
  }
  statement {
    sid       = "Fine"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid     = "NoResources"
    actions = ["kms:Decrypt"]
  }
  dynamic "statement" {
    for_each = [1]
    content {
      sid       = "Dynamic"
      actions   = ["kinesis:PutRecords", "ssm:GetParameter"]
      resources = ["*"]
    }
  }
}
`);
    assert.deepEqual(rules.noWildcardResources(m), [
      'data.aws_iam_policy_document.task (main.tf): statement Models allows bedrock:InvokeModel on every resource',
      'data.aws_iam_policy_document.task (main.tf): statement NoResources allows kms:Decrypt on every resource',
      'data.aws_iam_policy_document.task (main.tf): statement Dynamic allows kinesis:PutRecords, ssm:GetParameter on every resource',
    ]);
  });

  test('fails OpenSearch (es:) actions on "*", also in a domain access policy', async () => {
    const m = await hcl(`
resource "aws_opensearch_domain" "index" {
  access_policies = data.aws_iam_policy_document.access.json
}
data "aws_iam_policy_document" "access" {
  statement {
    sid       = "Everything"
    actions   = ["es:ESHttpGet", "es:ESHttpPut"]
    resources = ["*"]
  }
  statement {
    sid       = "OneDomain"
    actions   = ["es:ESHttpGet"]
    resources = ["arn:aws:es:us-east-1:123456789012:domain/stratum-index/*"]
  }
}
`);
    assert.deepEqual(rules.noWildcardResources(m), [
      'data.aws_iam_policy_document.access (main.tf): statement Everything allows es:ESHttpGet, es:ESHttpPut on every resource',
    ]);
  });

  test('fails a domain access policy it cannot read', async () => {
    const m = await hcl(`
resource "aws_opensearch_domain" "index" {
  access_policies = jsonencode({ Statement = [{ Action = "es:*", Resource = "*" }] })
}
resource "aws_opensearch_domain_policy" "index" {
  domain_name     = aws_opensearch_domain.index.domain_name
  access_policies = file("policy.json")
}
`);
    assert.deepEqual(rules.noWildcardResources(m), [
      'aws_opensearch_domain.index (main.tf): access_policies is not a data.aws_iam_policy_document, so it cannot be checked',
      'aws_opensearch_domain_policy.index (main.tf): access_policies is not a data.aws_iam_policy_document, so it cannot be checked',
    ]);
  });

  test('exempts a key policy, where "*" is the key itself', async () => {
    const m = await hcl(`
resource "aws_kms_key" "k" {
  policy = data.aws_iam_policy_document.key.json
}
data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
  }
}
`);
    assert.deepEqual(rules.noWildcardResources(m), []);
  });

  test('fails a policy it cannot read', async () => {
    const m = await hcl(`
resource "aws_iam_role_policy" "p" {
  policy = jsonencode({ Statement = [{ Action = "kms:*", Resource = "*" }] })
}
`);
    assert.deepEqual(rules.noWildcardResources(m), [
      'aws_iam_role_policy.p (main.tf): policy is not a data.aws_iam_policy_document, so it cannot be checked',
    ]);
  });
});

describe('variablesDocumented', () => {
  test('fails a variable without a type or a description', async () => {
    const m = await hcl('variable "a" {\n  description = "x"\n}\nvariable "b" {\n  type = string\n}\n');
    assert.deepEqual(rules.variablesDocumented(m), ['variable "a" (main.tf): no type', 'variable "b" (main.tf): no description']);
  });
});

describe('requiredOutputs', () => {
  test('fails missing outputs and one from the wrong resource', async () => {
    const m = await hcl('output "log_group_name" {\n  value = aws_kinesis_stream.s.name\n}\n');
    assert.deepEqual(rules.requiredOutputs(m), [
      'output "service_url": missing ((inline))',
      'output "kinesis_stream_arn": missing ((inline))',
      'output "log_group_name" (main.tf): its value does not come from aws_cloudwatch_log_group.NAME.name',
    ]);
  });
});

describe('kinesisOnDemand', () => {
  test('fails a provisioned stream with the 7-day retention', async () => {
    const m = await hcl(`
resource "aws_kinesis_stream" "s" {
  shard_count      = 1
  retention_period = 168
  stream_mode_details {
    stream_mode = "PROVISIONED"
  }
}
`);
    assert.deepEqual(rules.kinesisOnDemand(m), [
      'aws_kinesis_stream.s (main.tf): stream_mode is "PROVISIONED", expected "ON_DEMAND"',
      'aws_kinesis_stream.s (main.tf): retention_period is 168, expected 24',
      'aws_kinesis_stream.s (main.tf): shard_count set on an on-demand stream',
    ]);
  });
});

describe('databasePrivate', () => {
  test('fails a public, unencrypted database with a password in Terraform', async () => {
    const m = await hcl(`
resource "aws_db_instance" "db" {
  publicly_accessible = true
  password            = var.password
}
`);
    assert.deepEqual(rules.databasePrivate(m), [
      'aws_db_instance.db (main.tf): storage_encrypted is undefined, expected true',
      'aws_db_instance.db (main.tf): publicly_accessible is true, expected false',
      'aws_db_instance.db (main.tf): the master password must be managed by RDS (manage_master_user_password = true, no password)',
    ]);
  });
});

describe('opensearchDomainPrivate', () => {
  // A domain that keeps every rule but the one its access policy document may break.
  const domain = (policy) => `
resource "aws_opensearch_domain" "index" {
  access_policies = data.aws_iam_policy_document.${policy}.json
  vpc_options {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = [aws_security_group.opensearch.id]
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}
`;

  test('passes a domain in the VPC, encrypted between nodes, HTTPS with TLS 1.2, open to one role', async () => {
    const m = await hcl(`${domain('access')}
data "aws_iam_policy_document" "access" {
  statement {
    actions   = ["es:ESHttpGet"]
    resources = ["arn:aws:es:us-east-1:123456789012:domain/stratum-index/*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.task.arn]
    }
  }
}
`);
    assert.deepEqual(rules.opensearchDomainPrivate(m), []);
  });

  test('fails a public domain, unencrypted between nodes, with HTTP or TLS 1.0, and no access policy', async () => {
    const m = await hcl(`
resource "aws_opensearch_domain" "public" {}
resource "aws_opensearch_domain" "loose" {
  vpc_options {
    subnet_ids = var.private_subnet_ids
  }
  node_to_node_encryption {
    enabled = false
  }
  domain_endpoint_options {
    enforce_https       = false
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}
`);
    // in the parser's order: by name
    assert.deepEqual(rules.opensearchDomainPrivate(m), [
      'aws_opensearch_domain.loose (main.tf): no vpc_options with subnet_ids and security_group_ids, so the domain would have a public endpoint',
      'aws_opensearch_domain.loose (main.tf): node_to_node_encryption.enabled is false, expected true',
      'aws_opensearch_domain.loose (main.tf): domain_endpoint_options.enforce_https is false, expected true',
      'aws_opensearch_domain.loose (main.tf): domain_endpoint_options.tls_security_policy is "Policy-Min-TLS-1-0-2019-07", expected a Policy-Min-TLS-1-2-* policy',
      'aws_opensearch_domain.loose (main.tf): no access policy names who may use the domain (access_policies, or an aws_opensearch_domain_policy)',
      'aws_opensearch_domain.public (main.tf): no vpc_options with subnet_ids and security_group_ids, so the domain would have a public endpoint',
      'aws_opensearch_domain.public (main.tf): node_to_node_encryption.enabled is undefined, expected true',
      'aws_opensearch_domain.public (main.tf): domain_endpoint_options.enforce_https is undefined, expected true',
      'aws_opensearch_domain.public (main.tf): domain_endpoint_options.tls_security_policy is undefined, expected a Policy-Min-TLS-1-2-* policy',
      'aws_opensearch_domain.public (main.tf): no access policy names who may use the domain (access_policies, or an aws_opensearch_domain_policy)',
    ]);
  });

  test('fails an access policy, of the domain or a domain policy, that admits every principal', async () => {
    const m = await hcl(`${domain('open')}
resource "aws_opensearch_domain_policy" "index" {
  domain_name     = aws_opensearch_domain.index.domain_name
  access_policies = data.aws_iam_policy_document.anyone.json
}
data "aws_iam_policy_document" "open" {
  statement {
    sid       = "AnyAwsPrincipal"
    actions   = ["es:ESHttpGet"]
    resources = ["arn:aws:es:us-east-1:123456789012:domain/stratum-index/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
data "aws_iam_policy_document" "anyone" {
  statement {
    sid       = "NoPrincipals"
    actions   = ["es:ESHttpGet"]
    resources = ["arn:aws:es:us-east-1:123456789012:domain/stratum-index/*"]
  }
}
`);
    assert.deepEqual(rules.opensearchDomainPrivate(m), [
      'aws_opensearch_domain.index (main.tf): statement AnyAwsPrincipal of data.aws_iam_policy_document.open admits every principal; name the task role',
      'aws_opensearch_domain.index (main.tf): statement NoPrincipals of data.aws_iam_policy_document.anyone admits every principal; name the task role',
    ]);
  });
});
