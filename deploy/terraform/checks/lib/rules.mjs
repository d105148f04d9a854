// The module's security and shape rules, each a function from a parsed module (module.mjs) to a
// list of problems, "ADDRESS (FILE): what is wrong". An empty list passes.

import { block, blocks, expression, mentions } from './module.mjs';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** Every application load balancer has an idle timeout of 900 s (a silent model's stream). */
export function albIdleTimeout(module) {
  return module.resources
    .filter((r) => r.type === 'aws_lb' && (r.body.load_balancer_type ?? 'application') === 'application')
    .filter((r) => r.body.idle_timeout !== 900)
    .map((r) => `${r.address} (${r.file}): idle_timeout is ${JSON.stringify(r.body.idle_timeout)}, expected 900`);
}

/**
 * No security group admits 0.0.0.0/0 or ::/0, inline or by rule resource, except the load
 * balancer's group on port 443 alone. A CIDR is read from a literal, a variable's default, a local
 * or `each.value` over one of those; one that cannot be read that way is a problem too.
 */
export function noOpenIngress(module) {
  const albGroups = new Set(
    module.resources
      .filter((r) => r.type === 'aws_lb')
      .flatMap((r) => [].concat(r.body.security_groups ?? []))
      .map((g) => /aws_security_group\.(\w+)\.id/.exec(String(g))?.[1])
      .filter(Boolean),
  );
  const problems = [];
  const check = (r, where, group, rule, cidrValues) => {
    for (const v of cidrValues) {
      const cidrs = resolve(module, r, v);
      if (cidrs === null) {
        problems.push(`${where}: cannot read the CIDR ${JSON.stringify(v)}; write a literal, a variable or a local`);
        continue;
      }
      const open = cidrs.filter((c) => WORLD.has(c));
      if (open.length === 0) {
        continue;
      }
      const only443 = rule.from_port === 443 && rule.to_port === 443 && String(rule.ip_protocol ?? rule.protocol) === 'tcp';
      if (!(albGroups.has(group) && only443)) {
        problems.push(
          `${where}: admits ${open.join(', ')} on ports ${rule.from_port}-${rule.to_port}; only the load balancer's group may, on 443 alone`,
        );
      }
    }
  };
  for (const r of module.resources) {
    const where = `${r.address} (${r.file})`;
    if (r.type === 'aws_security_group') {
      for (const rule of blocks(r.body, 'ingress')) {
        check(r, `${where}: ingress`, r.name, rule, [rule.cidr_blocks, rule.ipv6_cidr_blocks].filter((v) => v !== undefined));
      }
    } else if (r.type === 'aws_vpc_security_group_ingress_rule') {
      const group = /aws_security_group\.(\w+)\.id/.exec(String(r.body.security_group_id))?.[1];
      check(r, where, group, r.body, [r.body.cidr_ipv4, r.body.cidr_ipv6].filter((v) => v !== undefined));
    } else if (r.type === 'aws_security_group_rule' && r.body.type === 'ingress') {
      const group = /aws_security_group\.(\w+)\.id/.exec(String(r.body.security_group_id))?.[1];
      check(r, where, group, r.body, [r.body.cidr_blocks, r.body.ipv6_cidr_blocks].filter((v) => v !== undefined));
    }
  }
  return problems;
}

/** The CIDRs `value` stands for, or null when they cannot be read without applying. */
function resolve(module, resource, value) {
  if (Array.isArray(value)) {
    const parts = value.map((v) => resolve(module, resource, v));
    return parts.includes(null) ? null : parts.flat();
  }
  const expr = expression(value);
  if (expr === null) {
    return typeof value === 'string' ? [value] : null;
  }
  let m;
  if ((m = /^(?:toset\()?var\.(\w+)\)?$/.exec(expr))) {
    const v = module.variables[m[1]];
    return v && 'default' in v.body ? resolve(module, resource, v.body.default ?? []) : null;
  }
  if ((m = /^(?:toset\()?local\.(\w+)\)?$/.exec(expr))) {
    const l = module.locals[m[1]];
    return l ? resolve(module, resource, l.value) : null;
  }
  if (expr === 'each.value' || expr === 'each.key') {
    return resource.body.for_each === undefined ? null : resolve(module, resource, resource.body.for_each);
  }
  return null;
}

// Where each kind of storage or stream names its key, and what else must be true of it.
const AT_REST = {
  aws_db_instance: { key: 'kms_key_id', also: { storage_encrypted: true } },
  aws_rds_cluster: { key: 'kms_key_id', also: { storage_encrypted: true } },
  aws_efs_file_system: { key: 'kms_key_id', also: { encrypted: true } },
  aws_kinesis_stream: { key: 'kms_key_id', also: { encryption_type: 'KMS' } },
  aws_cloudwatch_log_group: { key: 'kms_key_id' },
  aws_ssm_parameter: { key: 'key_id' },
  aws_secretsmanager_secret: { key: 'kms_key_id' },
  aws_sns_topic: { key: 'kms_master_key_id' },
  aws_sqs_queue: { key: 'kms_master_key_id' },
  aws_ebs_volume: { key: 'kms_key_id', also: { encrypted: true } },
  aws_opensearch_domain: { key: 'encrypt_at_rest.kms_key_id', also: { 'encrypt_at_rest.enabled': true } },
  aws_elasticsearch_domain: { key: 'encrypt_at_rest.kms_key_id', also: { 'encrypt_at_rest.enabled': true } },
};

/** The value at `path` in a body: "a.b" is attribute b of the first block a. */
function at(body, path) {
  const names = path.split('.');
  let node = body;
  for (const name of names.slice(0, -1)) {
    node = block(node, name);
  }
  return node?.[names.at(-1)];
}

const CMK = /\baws_kms_key\.\w+\.(arn|key_id|id)\b/;

/**
 * Every storage and stream resource names a customer-managed key of this module (aws_kms_key),
 * and every S3 bucket has a server-side encryption configuration that does.
 */
export function customerKeyAtRest(module) {
  const problems = [];
  for (const r of module.resources) {
    const where = `${r.address} (${r.file})`;
    const rule = AT_REST[r.type];
    if (rule) {
      if (!mentions(at(r.body, rule.key), CMK)) {
        problems.push(`${where}: ${rule.key} does not name the module's key (aws_kms_key.NAME.arn)`);
      }
      for (const [attr, expected] of Object.entries(rule.also ?? {})) {
        if (at(r.body, attr) !== expected) {
          problems.push(`${where}: ${attr} is ${JSON.stringify(at(r.body, attr))}, expected ${JSON.stringify(expected)}`);
        }
      }
      if (r.type === 'aws_db_instance' && r.body.manage_master_user_password === true && !mentions(r.body.master_user_secret_kms_key_id, CMK)) {
        problems.push(`${where}: master_user_secret_kms_key_id does not name the module's key`);
      }
    }
    if (r.type === 'aws_s3_bucket') {
      const sse = module.resources.find(
        (c) =>
          c.type === 'aws_s3_bucket_server_side_encryption_configuration' &&
          mentions(c.body.bucket, new RegExp(`\\baws_s3_bucket\\.${r.name}\\.`)) &&
          blocks(c.body, 'rule').some((rule) => mentions(block(rule, 'apply_server_side_encryption_by_default')?.kms_master_key_id, CMK)),
      );
      if (!sse) {
        problems.push(`${where}: no aws_s3_bucket_server_side_encryption_configuration names the module's key for it`);
      }
    }
  }
  return problems;
}

const GUARDED = /^(bedrock|bedrock-mantle|kms|ssm|kinesis|es):/;

// Policies, by the resource type and attribute that holds them: each must be a
// data.aws_iam_policy_document, so it can be read here.
const POLICY_ATTRIBUTES = {
  aws_iam_role_policy: ['policy', 'assume_role_policy'],
  aws_iam_policy: ['policy', 'assume_role_policy'],
  aws_iam_role: ['policy', 'assume_role_policy'],
  aws_opensearch_domain: ['access_policies'],
  aws_opensearch_domain_policy: ['access_policies'],
  aws_elasticsearch_domain: ['access_policies'],
  aws_elasticsearch_domain_policy: ['access_policies'],
};

const POLICY_DOCUMENT = /^\$\{data\.aws_iam_policy_document\.(\w+)\.json\}$/;

/**
 * No IAM policy statement allows a Bedrock, Mantle, KMS, SSM, Kinesis or OpenSearch (es:) action
 * (or "*") on "*". Key policies are exempt: in a key policy "*" is the key itself. Policies, and
 * OpenSearch domains' access policies, must be written as data.aws_iam_policy_document, so they
 * can be read here.
 */
export function noWildcardResources(module) {
  const problems = [];
  const keyPolicies = new Set(
    module.resources
      .filter((r) => r.type === 'aws_kms_key' || r.type === 'aws_kms_key_policy')
      .map((r) => /data\.aws_iam_policy_document\.(\w+)\.json/.exec(String(r.body.policy))?.[1])
      .filter(Boolean),
  );
  for (const d of module.data.filter((d) => d.type === 'aws_iam_policy_document')) {
    if (keyPolicies.has(d.name)) {
      continue;
    }
    for (const s of blocks(d.body, 'statement')) {
      if ((s.effect ?? 'Allow') !== 'Allow') {
        continue;
      }
      const actions = [].concat(s.actions ?? []);
      const guarded = actions.filter((a) => a === '*' || GUARDED.test(String(a)));
      const resources = [].concat(s.resources ?? []);
      if (guarded.length && (resources.includes('*') || s.not_resources !== undefined || s.resources === undefined)) {
        problems.push(`${d.address} (${d.file}): statement ${s.sid ?? '(no sid)'} allows ${guarded.join(', ')} on every resource`);
      }
    }
  }
  for (const r of module.resources.filter((r) => r.type in POLICY_ATTRIBUTES)) {
    for (const attr of POLICY_ATTRIBUTES[r.type]) {
      if (r.body[attr] !== undefined && !POLICY_DOCUMENT.test(String(r.body[attr]))) {
        problems.push(`${r.address} (${r.file}): ${attr} is not a data.aws_iam_policy_document, so it cannot be checked`);
      }
    }
    if (r.body.inline_policy !== undefined) {
      problems.push(`${r.address} (${r.file}): inline_policy cannot be checked; use aws_iam_role_policy with a policy document`);
    }
  }
  return problems;
}

/** Every variable has a type and a description. */
export function variablesDocumented(module) {
  return Object.entries(module.variables).flatMap(([name, v]) => [
    ...(v.body.type === undefined ? [`variable "${name}" (${v.file}): no type`] : []),
    ...(typeof v.body.description !== 'string' || v.body.description.trim() === ''
      ? [`variable "${name}" (${v.file}): no description`]
      : []),
  ]);
}

/** The outputs an operator needs, each from the resource it names. */
export function requiredOutputs(module) {
  const required = {
    service_url: ['aws_lb.NAME.dns_name', /\baws_lb\.\w+\.dns_name\b/],
    kinesis_stream_arn: ['aws_kinesis_stream.NAME.arn', /\baws_kinesis_stream\.\w+\.arn\b/],
    log_group_name: ['aws_cloudwatch_log_group.NAME.name', /\baws_cloudwatch_log_group\.\w+\.name\b/],
  };
  return Object.entries(required).flatMap(([name, [source, pattern]]) => {
    const o = module.outputs[name];
    if (!o) {
      return [`output "${name}": missing (${module.dir})`];
    }
    return mentions(o.body.value, pattern) ? [] : [`output "${name}" (${o.file}): its value does not come from ${source}`];
  });
}

/** The OCSF stream: on-demand capacity and 24 h retention. */
export function kinesisOnDemand(module) {
  return module.resources
    .filter((r) => r.type === 'aws_kinesis_stream')
    .flatMap((r) => {
      const where = `${r.address} (${r.file})`;
      const mode = block(r.body, 'stream_mode_details')?.stream_mode;
      return [
        ...(mode === 'ON_DEMAND' ? [] : [`${where}: stream_mode is ${JSON.stringify(mode)}, expected "ON_DEMAND"`]),
        ...(r.body.retention_period === 24 ? [] : [`${where}: retention_period is ${JSON.stringify(r.body.retention_period)}, expected 24`]),
        ...(r.body.shard_count === undefined ? [] : [`${where}: shard_count set on an on-demand stream`]),
      ];
    });
}

/** Every database instance is encrypted, not publicly accessible, and keeps no password in Terraform. */
export function databasePrivate(module) {
  return module.resources
    .filter((r) => r.type === 'aws_db_instance')
    .flatMap((r) => {
      const where = `${r.address} (${r.file})`;
      return [
        ...(r.body.storage_encrypted === true ? [] : [`${where}: storage_encrypted is ${JSON.stringify(r.body.storage_encrypted)}, expected true`]),
        ...(r.body.publicly_accessible === false ? [] : [`${where}: publicly_accessible is ${JSON.stringify(r.body.publicly_accessible)}, expected false`]),
        ...(r.body.manage_master_user_password === true && r.body.password === undefined
          ? []
          : [`${where}: the master password must be managed by RDS (manage_master_user_password = true, no password)`]),
      ];
    });
}

const SEARCH_DOMAINS = ['aws_opensearch_domain', 'aws_elasticsearch_domain'];

/**
 * Every OpenSearch domain is in the VPC (vpc_options: no public endpoint), encrypts between its
 * nodes, takes HTTPS only with a TLS 1.2 policy, and has an access policy (its own access_policies
 * or an aws_opensearch_domain_policy) that names its principals: none admits "*". Encryption at
 * rest under the module's key is customerKeyAtRest's; "*" resources are noWildcardResources'.
 */
export function opensearchDomainPrivate(module) {
  const problems = [];
  for (const r of module.resources.filter((r) => SEARCH_DOMAINS.includes(r.type))) {
    const where = `${r.address} (${r.file})`;
    const vpc = block(r.body, 'vpc_options');
    if (vpc?.subnet_ids === undefined || vpc?.security_group_ids === undefined) {
      problems.push(`${where}: no vpc_options with subnet_ids and security_group_ids, so the domain would have a public endpoint`);
    }
    for (const [path, expected] of [
      ['node_to_node_encryption.enabled', true],
      ['domain_endpoint_options.enforce_https', true],
    ]) {
      if (at(r.body, path) !== expected) {
        problems.push(`${where}: ${path} is ${JSON.stringify(at(r.body, path))}, expected ${JSON.stringify(expected)}`);
      }
    }
    const tls = at(r.body, 'domain_endpoint_options.tls_security_policy');
    if (!/^Policy-Min-TLS-1-2-/.test(String(tls))) {
      problems.push(`${where}: domain_endpoint_options.tls_security_policy is ${JSON.stringify(tls)}, expected a Policy-Min-TLS-1-2-* policy`);
    }
    const policies = [
      r.body.access_policies,
      ...module.resources
        .filter((p) => p.type === `${r.type}_policy` && mentions(p.body.domain_name, new RegExp(`\\b${r.type}\\.${r.name}\\.`)))
        .map((p) => p.body.access_policies),
    ].filter((p) => p !== undefined);
    if (policies.length === 0) {
      problems.push(`${where}: no access policy names who may use the domain (access_policies, or an ${r.type}_policy)`);
    }
    for (const policy of policies) {
      const doc = module.data.find((d) => d.type === 'aws_iam_policy_document' && d.name === POLICY_DOCUMENT.exec(String(policy))?.[1]);
      if (!doc) {
        continue; // noWildcardResources says it cannot be checked
      }
      for (const s of blocks(doc.body, 'statement').filter((s) => (s.effect ?? 'Allow') === 'Allow')) {
        const principals = blocks(s, 'principals');
        const open = principals.length === 0 || principals.some((p) => p.type === '*' || [].concat(p.identifiers ?? []).includes('*'));
        if (open) {
          problems.push(`${where}: statement ${s.sid ?? '(no sid)'} of ${doc.address} admits every principal; name the task role`);
        }
      }
    }
  }
  return problems;
}

/** Every rule, by name. */
export const RULES = {
  albIdleTimeout,
  noOpenIngress,
  customerKeyAtRest,
  noWildcardResources,
  variablesDocumented,
  requiredOutputs,
  kinesisOnDemand,
  databasePrivate,
  opensearchDomainPrivate,
};
