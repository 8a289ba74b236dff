#!/usr/bin/env node
// --help and the read-only graph commands are answered without loading oclif
// (src/cli/fast.ts); everything else is oclif's.
const { fastPath } = await import('../dist/src/cli/fast.js');
if (!(await fastPath(process.argv.slice(2)))) {
  const { execute } = await import('@oclif/core/execute');
  await execute({ dir: import.meta.url });
}
