// The rules (lib/rules.mjs) over the module and its complete example, as HashiCorp's HCL parser
// reads them. Each rule's ability to fail is shown in rules.spec.mjs.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { EXAMPLE_DIR, MODULE_DIR, loadModule } from './lib/module.mjs';
import { RULES } from './lib/rules.mjs';

let module;
let example;

before(async () => {
  module = await loadModule(MODULE_DIR);
  example = await loadModule(EXAMPLE_DIR);
});

describe('the module (deploy/terraform)', () => {
  for (const [name, rule] of Object.entries(RULES)) {
    test(`passes ${name}`, () => assert.deepEqual(rule(module), []));
  }

  test('has what the rules are about, so none passes for want of it', () => {
    const types = new Set(module.resources.map((r) => r.type));
    for (const t of [
      'aws_lb',
      'aws_vpc_security_group_ingress_rule',
      'aws_kinesis_stream',
      'aws_db_instance',
      'aws_efs_file_system',
      'aws_cloudwatch_log_group',
      'aws_kms_key',
      'aws_iam_role_policy',
      'aws_opensearch_domain',
    ]) {
      assert.ok(types.has(t), `no ${t} in ${MODULE_DIR}`);
    }
    assert.ok(module.data.some((d) => d.type === 'aws_iam_policy_document' && d.name === 'task'), 'no task policy document');
  });

  test('rotates its key yearly', () => {
    const keys = module.resources.filter((r) => r.type === 'aws_kms_key');
    assert.ok(keys.length > 0);
    for (const k of keys) {
      assert.equal(k.body.enable_key_rotation, true, `${k.address} (${k.file}): enable_key_rotation`);
    }
  });

  test('listens on 443 only, with TLS', () => {
    const listeners = module.resources.filter((r) => r.type === 'aws_lb_listener');
    assert.deepEqual(
      listeners.map((l) => [l.address, l.body.port, l.body.protocol]),
      [['aws_lb_listener.https', 443, 'HTTPS']],
    );
  });

  test('checks readiness on /readyz at the load balancer and liveness on /healthz in the container', () => {
    const tg = module.resources.find((r) => r.type === 'aws_lb_target_group');
    assert.equal(tg.body.health_check[0].path, '/readyz');
    assert.deepEqual(module.variables.container_health_check_command.body.default, ['CMD', '/opt/stratum/healthcheck']); // GET /healthz, in the image
  });
});

describe('the complete example (deploy/terraform/examples/complete)', () => {
  for (const [name, rule] of Object.entries(RULES)) {
    if (name === 'requiredOutputs') {
      continue; // the module's outputs; the example passes them on
    }
    test(`passes ${name}`, () => assert.deepEqual(rule(example), []));
  }

  test('calls the module and passes on its outputs', () => {
    assert.deepEqual(
      example.modules.map((m) => [m.name, m.body.source]),
      [['stratum', '../..']],
    );
    for (const name of ['service_url', 'kinesis_stream_arn', 'log_group_name']) {
      assert.equal(example.outputs[name]?.body.value, `\${module.stratum.${name}}`, `output ${name}`);
    }
  });
});
