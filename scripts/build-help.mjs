#!/usr/bin/env node
// Build step: writes oclif's help for the CLI and every command to
// dist/help/<id>.txt (80 columns, no colour), so `gensql --help` and
// `gensql CMD --help` can be answered without loading oclif (src/cli/fast.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'oclif.manifest.json'), 'utf8'));
const out = path.join(root, 'dist', 'help');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const env = { ...process.env, GENSQL_NO_FASTPATH: '1', COLUMNS: '80', NO_COLOR: '1', FORCE_COLOR: '0' };
for (const id of ['', ...Object.keys(manifest.commands)]) {
  const args = [path.join(root, 'bin', 'run.js'), ...(id ? [id] : []), '--help'];
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`help for '${id}' failed: ${r.stderr}`);
    process.exit(1);
  }
  fs.writeFileSync(path.join(out, `${id || 'root'}.txt`), r.stdout);
}
