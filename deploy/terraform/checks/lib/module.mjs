// A Terraform module as HashiCorp's HCL parser reads it: every .tf file of one directory through
// @cdktf/hcl2json (the Go HCL library compiled to WebAssembly), gathered into the blocks the
// checks look at, each with the file it came from.

import { parse } from '@cdktf/hcl2json';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The module directory (deploy/terraform) and the complete example under it. */
export const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE_DIR = path.join(MODULE_DIR, 'examples', 'complete');

/**
 * The module in `dir`: its resources, data sources, variables, outputs, locals, module calls and
 * provider blocks. A file that does not parse throws, naming the file.
 */
export async function loadModule(dir) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort();
  const sources = {};
  for (const f of files) {
    sources[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  }
  return fromSources(sources, dir);
}

/** The module made of `sources` ({file name: HCL text}); for the checks' own tests. */
export async function fromSources(sources, dir = '(inline)') {
  const module = {
    dir,
    resources: [],
    data: [],
    variables: {},
    outputs: {},
    locals: {},
    modules: [],
    providers: [],
  };
  for (const [file, text] of Object.entries(sources)) {
    let json;
    try {
      json = await parse(file, text);
    } catch (e) {
      throw new Error(`${path.join(dir, file)}: not valid HCL: ${e.message ?? e}`);
    }
    for (const [kind, target] of [
      ['resource', module.resources],
      ['data', module.data],
    ]) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of bodies) {
            const address = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
            target.push({ type, name, address, file, body });
          }
        }
      }
    }
    for (const [name, bodies] of Object.entries(json.variable ?? {})) {
      module.variables[name] = { file, body: bodies[0] };
    }
    for (const [name, bodies] of Object.entries(json.output ?? {})) {
      module.outputs[name] = { file, body: bodies[0] };
    }
    for (const block of json.locals ?? []) {
      for (const [name, value] of Object.entries(block)) {
        module.locals[name] = { file, value };
      }
    }
    for (const [name, bodies] of Object.entries(json.module ?? {})) {
      module.modules.push({ name, file, body: bodies[0] });
    }
    for (const [name, bodies] of Object.entries(json.provider ?? {})) {
      for (const body of bodies) {
        module.providers.push({ name, file, body });
      }
    }
  }
  return module;
}

/** The blocks named `name` in a body, static and dynamic (a dynamic block's `content`). */
export function blocks(body, name) {
  const out = [];
  const direct = body?.[name];
  if (Array.isArray(direct)) {
    out.push(...direct.filter((b) => b && typeof b === 'object'));
  }
  for (const dyn of body?.dynamic?.[name] ?? []) {
    out.push(...(dyn.content ?? []));
  }
  return out;
}

/** The first block named `name`, or undefined. */
export function block(body, name) {
  return blocks(body, name)[0];
}

/** An interpolation "${...}"'s inner expression, or null for a literal. */
export function expression(value) {
  return typeof value === 'string' && value.startsWith('${') && value.endsWith('}')
    ? value.slice(2, -1)
    : null;
}

/** Whether `value` (any JSON the parser gave) mentions `pattern` anywhere in its expressions. */
export function mentions(value, pattern) {
  return pattern.test(JSON.stringify(value ?? null));
}
