// Prints, as JSON, what HashiCorp's HCL parser reads in each directory given (relative to the
// module): its variables, locals and outputs by name, and its module calls. TerraformModuleIT reads it to hold the
// module's variables and the app's configuration keys together.
//
//   node dump.mjs . examples/complete

import path from 'node:path';
import { MODULE_DIR, loadModule } from './lib/module.mjs';

const out = {};
for (const dir of process.argv.slice(2)) {
  const m = await loadModule(path.resolve(MODULE_DIR, dir));
  out[dir] = { variables: m.variables, locals: m.locals, outputs: m.outputs, modules: m.modules };
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
