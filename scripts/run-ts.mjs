#!/usr/bin/env node
// Dev helper: runs a TypeScript script of this repo (bundled by esbuild, packages external).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const out = path.join(os.tmpdir(), `gensql-run-${process.pid}.mjs`);
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'error', target: 'node20' });
const r = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit', cwd: process.cwd(), env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
process.exit(r.status ?? 1);
