// The AWS provider's schema, as @cdktf/provider-aws's jsii manifest (.jsii) records it: the
// bindings are generated from `terraform providers schema -json`, and every resource, data source
// and property carries a link to its registry page whose anchor is the Terraform (snake_case)
// name: "{@link https://registry.terraform.io/.../docs/resources/lb#idle_timeout Lb#idle_timeout}".
// Reading those links gives every type's attribute and nested block names without guessing at
// camelCase conversions.

import fs from 'node:fs';
import path from 'node:path';
import { MODULE_DIR } from './module.mjs';

const PACKAGE = path.join(MODULE_DIR, 'checks', 'node_modules', '@cdktf', 'provider-aws');
const CACHE_DIR = path.join(MODULE_DIR, 'checks', 'node_modules', '.cache');

// Arguments Terraform itself gives every resource and data block.
const META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);
// Arguments of a `dynamic` block besides its `content`.
const DYNAMIC_META = new Set(['for_each', 'iterator', 'labels', 'content']);

/**
 * {providerVersion, resources: {type: node}, data: {type: node}, provider: node}, where a node is
 * {attribute or block name: node | null} (null: a plain attribute, a node: a nested block or
 * object). Built from the manifest once and cached beside node_modules.
 */
export function loadAwsSchema() {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8'));
  const cache = path.join(CACHE_DIR, `stratum-aws-schema-${pkg.version}.json`);
  if (fs.existsSync(cache)) {
    return JSON.parse(fs.readFileSync(cache, 'utf8'));
  }
  const schema = fromJsii(JSON.parse(fs.readFileSync(path.join(PACKAGE, '.jsii'), 'utf8')));
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${cache}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(schema));
  fs.renameSync(partial, cache); // whole or not at all, whoever reads it next
  return schema;
}

/** The schema in a jsii assembly of a cdktf provider. */
export function fromJsii(assembly) {
  const types = assembly.types;
  const schema = { providerVersion: null, resources: {}, data: {}, provider: null };
  for (const t of Object.values(types)) {
    if (t.kind !== 'class') {
      continue;
    }
    const kind =
      t.base === 'cdktf.TerraformResource'
        ? 'resources'
        : t.base === 'cdktf.TerraformDataSource'
          ? 'data'
          : t.base === 'cdktf.TerraformProvider'
            ? 'provider'
            : null;
    if (kind === null) {
      continue;
    }
    const link = /\{@link (\S+) (\w+)\}/.exec(t.docs?.summary ?? '');
    const config = t.initializer?.parameters?.find((p) => p.name === 'config')?.type?.fqn;
    if (!link || !config) {
      throw new Error(`${t.fqn}: no registry link or config type in the manifest`);
    }
    schema.providerVersion ??= /\/providers\/[^/]+\/[^/]+\/([^/]+)\//.exec(link[1])?.[1] ?? null;
    const node = struct(types, config, new Set());
    if (kind === 'provider') {
      schema.provider = node;
    } else {
      schema[kind][link[2]] = node;
    }
  }
  return schema;
}

function struct(types, fqn, seen) {
  const node = {};
  if (seen.has(fqn)) {
    return node; // a recursive type: names below it are not checked
  }
  seen = new Set(seen).add(fqn);
  for (const p of types[fqn]?.properties ?? []) {
    const docs = `${p.docs?.summary ?? ''} ${p.docs?.remarks ?? ''}`;
    const name = /\{@link \S+#(\w+) [^}]*\}/.exec(docs)?.[1];
    if (!name) {
      continue; // not a Terraform argument (no registry anchor)
    }
    const child = structType(types, p.type);
    node[name] = child ? struct(types, child, seen) : null;
  }
  return node;
}

/** The fqn of the struct a property holds (alone, in a list or in a union), or null. */
function structType(types, ref) {
  if (!ref) {
    return null;
  }
  if (ref.fqn) {
    return types[ref.fqn]?.kind === 'interface' && types[ref.fqn]?.datatype ? ref.fqn : null;
  }
  if (ref.collection) {
    return structType(types, ref.collection.elementtype);
  }
  for (const u of ref.union?.types ?? []) {
    const s = structType(types, u);
    if (s) {
      return s;
    }
  }
  return null;
}

/**
 * Every resource or data type that the provider does not have, and every attribute or nested
 * block name it does not have for that type, as "ADDRESS (FILE): ...". Provider blocks are checked
 * too.
 */
export function checkAgainstSchema(module, schema) {
  const problems = [];
  const version = `the AWS provider ${schema.providerVersion}`;
  for (const [kind, list] of [
    ['resources', module.resources],
    ['data', module.data],
  ]) {
    for (const r of list) {
      const where = `${r.address} (${r.file})`;
      const node = schema[kind][r.type];
      if (!node) {
        problems.push(
          `${where}: ${kind === 'data' ? 'data source' : 'resource'} type ${r.type} does not exist in ${version}`,
        );
        continue;
      }
      checkBody(r.body, node, META, [], (at, name) =>
        problems.push(`${where}: ${at}no attribute or block "${name}" in ${r.type} (${version})`),
      );
    }
  }
  for (const p of module.providers.filter((p) => p.name === 'aws')) {
    checkBody(p.body, schema.provider, new Set(['alias']), [], (at, name) =>
      problems.push(`provider "aws" (${p.file}): ${at}no argument or block "${name}" (${version})`),
    );
  }
  return problems;
}

function checkBody(body, node, meta, at, report) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return;
  }
  for (const [name, value] of Object.entries(body)) {
    if (meta.has(name)) {
      continue;
    }
    if (name === 'dynamic') {
      for (const [blockName, dyns] of Object.entries(value ?? {})) {
        if (!(blockName in node)) {
          report(prefix(at), blockName);
          continue;
        }
        for (const dyn of dyns) {
          for (const key of Object.keys(dyn)) {
            if (!DYNAMIC_META.has(key)) {
              report(prefix([...at, `dynamic "${blockName}"`]), key);
            }
          }
          for (const content of dyn.content ?? []) {
            checkBody(content, node[blockName] ?? {}, new Set(), [...at, blockName], report);
          }
        }
      }
      continue;
    }
    if (!(name in node)) {
      report(prefix(at), name);
      continue;
    }
    const child = node[name];
    if (child) {
      for (const element of Array.isArray(value) ? value : [value]) {
        checkBody(element, child, new Set(), [...at, name], report);
      }
    }
  }
}

function prefix(at) {
  return at.length ? `${at.join('.')}: ` : '';
}
