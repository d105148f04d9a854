// Every resource and data type, attribute and nested block name in the module and its example
// exists in the AWS provider's schema (6.25.0, from @cdktf/provider-aws's jsii manifest): what
// `terraform validate` would catch, without downloading the provider.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { EXAMPLE_DIR, MODULE_DIR, fromSources, loadModule } from './lib/module.mjs';
import { checkAgainstSchema, loadAwsSchema } from './lib/schema.mjs';

let schema;

before(() => {
  schema = loadAwsSchema();
});

describe('the AWS provider schema', () => {
  test('is the 6.x provider, with its resources and data sources', () => {
    assert.match(schema.providerVersion, /^6\./);
    assert.ok(Object.keys(schema.resources).length > 1000, 'resources');
    assert.ok(Object.keys(schema.data).length > 500, 'data sources');
    assert.equal(schema.resources.aws_lb.idle_timeout, null);
    assert.ok(schema.resources.aws_lb_listener.default_action.authenticate_oidc.issuer === null);
  });
});

describe('names in the module and the example', () => {
  for (const [label, dir] of [
    ['the module', MODULE_DIR],
    ['the complete example', EXAMPLE_DIR],
  ]) {
    test(`${label}: every type, attribute and block exists`, async () => {
      assert.deepEqual(checkAgainstSchema(await loadModule(dir), schema), []);
    });
  }
});

describe('the schema check fails', () => {
  const check = async (text) => checkAgainstSchema(await fromSources({ 'bad.tf': text }), schema);
  test('on a misspelt attribute, naming the resource, the file and the name', async () => {
    assert.deepEqual(await check('resource "aws_lb" "this" {\n  idle_timout = 900\n}\n'), [
      `aws_lb.this (bad.tf): no attribute or block "idle_timout" in aws_lb (the AWS provider ${schema.providerVersion})`,
    ]);
  });

  test('on a resource type and a data source type that do not exist', async () => {
    assert.deepEqual(await check('resource "aws_load_balancer" "x" {}\ndata "aws_iam_policy" "y" {}\ndata "aws_policy_document" "z" {}\n'), [
      `aws_load_balancer.x (bad.tf): resource type aws_load_balancer does not exist in the AWS provider ${schema.providerVersion}`,
      `data.aws_policy_document.z (bad.tf): data source type aws_policy_document does not exist in the AWS provider ${schema.providerVersion}`,
    ]);
  });

  test('on a misspelt name in a nested block, a dynamic block and its content', async () => {
    const problems = await check(`
resource "aws_lb_listener" "https" {
  default_action {
    type = "authenticate-oidc"
    authenticate_oidc {
      isuer = "https://idp.example.com"
    }
  }
  dynamic "default_acton" {
    for_each = [1]
    content {}
  }
  dynamic "default_action" {
    for_each = [1]
    content {
      target_group = "x"
    }
  }
}
resource "aws_ecs_task_definition" "t" {
  volume {
    name = "data"
    efs_volume_configuration {
      authorization_config {
        access_point = "fsap-1"
      }
    }
  }
}
`);
    const v = schema.providerVersion;
    // in the parser's order: resource types, then names, alphabetically
    assert.deepEqual(problems, [
      `aws_ecs_task_definition.t (bad.tf): volume.efs_volume_configuration.authorization_config: no attribute or block "access_point" in aws_ecs_task_definition (the AWS provider ${v})`,
      `aws_lb_listener.https (bad.tf): default_action.authenticate_oidc: no attribute or block "isuer" in aws_lb_listener (the AWS provider ${v})`,
      `aws_lb_listener.https (bad.tf): default_action: no attribute or block "target_group" in aws_lb_listener (the AWS provider ${v})`,
      `aws_lb_listener.https (bad.tf): no attribute or block "default_acton" in aws_lb_listener (the AWS provider ${v})`,
    ]);
  });

  test('on a computed-only attribute set as an argument', async () => {
    assert.deepEqual(await check('resource "aws_lb" "this" {\n  dns_name = "x"\n}\n'), [
      `aws_lb.this (bad.tf): no attribute or block "dns_name" in aws_lb (the AWS provider ${schema.providerVersion})`,
    ]);
  });

  test("on a misspelt provider argument", async () => {
    assert.deepEqual(await check('provider "aws" {\n  regoin = "us-east-1"\n}\n'), [
      `provider "aws" (bad.tf): no argument or block "regoin" (the AWS provider ${schema.providerVersion})`,
    ]);
  });
});
