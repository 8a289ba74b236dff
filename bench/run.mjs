#!/usr/bin/env node
/**
 * `npm run bench`: times gensql on synthetic histories of 1,000 and 10,000
 * revisions (bench/generate.mjs) and, when Debian's python3-alembic is
 * installed, Alembic on the same histories in the same run, printing the
 * median of several runs, peak memory, and the gensql / Alembic ratio next
 * to each target of the performance issue.
 *
 *   npm run bench                 # 1000 and 10000 revisions, 5 runs each
 *   node bench/run.mjs --sizes 1000 --runs 3 --json bench/results.json
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'run.js');
const PY = '/usr/bin/python3';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const sizes = arg('--sizes', '1000,10000').split(',').map(Number);
const runs = Number(arg('--runs', '5'));
const jsonOut = arg('--json', null);
const haveTime = fs.existsSync('/usr/bin/time');
const haveAlembic = spawnSync(PY, ['-c', 'import alembic'], { stdio: 'ignore' }).status === 0;

/** Runs a command once: wall seconds and peak RSS (MB) from GNU time when present. */
function once(cmd, args, { cwd, env = {} } = {}) {
  const full = haveTime ? ['/usr/bin/time', ['-f', '%e %M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, env: { ...process.env, GENSQL_NO_PROGRESS: '1', ...env }, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-800)}`);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) (\d+)$/.exec(last);
  return { wall, rssMb: m ? Number(m[2]) / 1024 : null };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median wall time and max peak RSS over `runs` runs; `before` runs before each (not timed). */
function measure(cmd, args, opts = {}) {
  const walls = [];
  let rss = null;
  for (let i = 0; i < runs; i++) {
    opts.before?.();
    const r = once(cmd, args, opts);
    walls.push(r.wall);
    if (r.rssMb !== null) rss = Math.max(rss ?? 0, r.rssMb);
  }
  return { median: median(walls), rssMb: rss };
}

const results = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`, runs, sizes: {} };
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-bench-'));

results.nodeBaseline = measure(process.execPath, ['-e', '0']);
results.help = measure(process.execPath, [BIN, '--help']);

for (const n of sizes) {
  const dir = path.join(base, String(n));
  generate(n, dir, { alembic: haveAlembic });
  const cache = path.join(base, `cache-${n}`);
  const warmEnv = { GENSQL_CACHE_DIR: cache };
  const g = (args, env = warmEnv, extra = {}) => measure(process.execPath, [BIN, ...args], { cwd: dir, env, ...extra });
  // fill the caches: the transpiled revisions and their index (any command) and V8's code cache of the revisions
  // (written by a render); then the recorded ops, which a file's second render keeps (src/revision/op-cache.ts);
  // and the rendered steps, which the same render keeps (src/render-cache.ts); a third render for good measure
  const fill = () => {
    for (let i = 0; i < 3; i++) once(process.execPath, [BIN, 'upgrade', 'base:head', '--no-validate'], { cwd: dir, env: warmEnv });
  };
  const cacheFolder = () => path.join(cache, fs.readdirSync(cache).find((d) => fs.statSync(path.join(cache, d)).isDirectory()));
  // first, the history without its last revision: its caches filled, then kept aside, for the row that
  // renders right after a revision was added (a developer's loop: write a revision, render)
  const versions = path.join(dir, 'migrations', 'versions');
  const lastFile = fs.readdirSync(versions).find((f) => f.endsWith(`_step_${n - 1}.ts`));
  const aside = path.join(base, `last-${n}.ts`);
  fs.renameSync(path.join(versions, lastFile), aside);
  fill();
  const before = path.join(base, `cache-before-${n}`);
  fs.cpSync(cache, before, { recursive: true });
  fs.renameSync(aside, path.join(versions, lastFile));
  const restore = {
    before: () => {
      fs.rmSync(cache, { recursive: true, force: true });
      fs.cpSync(before, cache, { recursive: true });
    },
  };
  const appended = g(['upgrade', 'base:head', '--no-validate'], warmEnv, restore);
  // ... and `heads` then: the new file is transpiled and the index and bundle rebuilt, as by any first command
  const headsAppended = g(['heads'], warmEnv, restore);
  fs.rmSync(before, { recursive: true, force: true });
  fill();
  once(process.execPath, [BIN, 'downgrade', 'head:base', '--no-validate'], { cwd: dir, env: warmEnv });
  const dropOps = () => {
    // the rendered steps too: with them, nothing would be recorded
    for (const f of fs.readdirSync(cacheFolder())) if (f.startsWith('ops-') || f.startsWith('render-')) fs.rmSync(path.join(cacheFolder(), f));
  };
  const row = {};
  // heads: without its stored output it builds the graph from the loader's index; a repeated one reuses its output
  row.headsGraph = g(['heads'], { ...warmEnv, GENSQL_NO_INSPECT_REUSE: '1' });
  once(process.execPath, [BIN, 'heads'], { cwd: dir, env: warmEnv });
  row.heads = g(['heads']);
  const coldCache = path.join(base, `cold-${n}`);
  row.upgradeCold = g(['upgrade', 'base:head', '--no-validate'], { GENSQL_CACHE_DIR: coldCache }, { before: () => fs.rmSync(coldCache, { recursive: true, force: true }) });
  row.upgradeWarm = g(['upgrade', 'base:head', '--no-validate']);
  row.upgradeAppended = appended;
  row.headsAppended = headsAppended;
  // warm, but every step rendered (the render cache off) ...
  row.upgradeWarmNoRender = g(['upgrade', 'base:head', '--no-validate'], { ...warmEnv, GENSQL_NO_RENDER_CACHE: '1' });
  // warm, but every module runs (the op cache off) ...
  row.upgradeWarmNoOps = g(['upgrade', 'base:head', '--no-validate'], { ...warmEnv, GENSQL_NO_OP_CACHE: '1' });
  // ... and the run that fills the op cache (a fresh checkout's second render: every module is analysed once)
  row.upgradeFillOps = g(['upgrade', 'base:head', '--no-validate'], warmEnv, { before: dropOps });
  once(process.execPath, [BIN, 'downgrade', 'head:base', '--no-validate'], { cwd: dir, env: warmEnv });
  // the engine runs every time here (a repeated identical render would reuse the first run's result) ...
  row.upgradeValidated = g(['upgrade', 'base:head'], { ...warmEnv, GENSQL_NO_VALIDATION_REUSE: '1' });
  // ... and here it may: the same render again, its validation result reused (src/validate/memo.ts)
  once(process.execPath, [BIN, 'upgrade', 'base:head'], { cwd: dir, env: warmEnv });
  row.upgradeValidatedReused = g(['upgrade', 'base:head']);
  row.downgrade = g(['downgrade', 'head:base', '--no-validate']);
  if (haveAlembic) {
    const a = (args) => measure(PY, ['-m', 'alembic', ...args], { cwd: dir });
    once(PY, ['-m', 'alembic', 'heads'], { cwd: dir }); // compile __pycache__ once, as any real project has it
    row.alembicHeads = a(['heads']);
    row.alembicUpgrade = a(['upgrade', 'base:head', '--sql']);
    row.alembicDowngrade = a(['downgrade', 'head:base', '--sql']);
  }
  results.sizes[n] = row;
}
fs.rmSync(base, { recursive: true, force: true });

// ---- report ----------------------------------------------------------
const fmt = (s) => (s === undefined ? '–' : `${s.median.toFixed(3)} s`);
const mb = (s) => (s?.rssMb == null ? '–' : `${Math.round(s.rssMb)} MB`);
const ratio = (a, b) => (a && b ? (a.median / b.median).toFixed(3) : '–');
const lines = [`machine: ${results.machine}; median of ${runs} runs`, ''];
lines.push('| measure | ' + sizes.map((n) => `${n} revisions`).join(' | ') + ' | peak memory (largest) | target |');
lines.push('|---|' + sizes.map(() => '---|').join('') + '---|---|');
const biggest = results.sizes[sizes[sizes.length - 1]];
const rows = [
  ['gensql upgrade base:head --no-validate, warm cache (modules, code cache, recorded ops, rendered steps)', 'upgradeWarm', 'alembicUpgrade', '≤ 0.1× Alembic'],
  ['gensql upgrade base:head --no-validate, warm, right after the last revision was added', 'upgradeAppended', 'alembicUpgrade', ''],
  ['gensql upgrade base:head --no-validate, warm, render cache off (every step rendered)', 'upgradeWarmNoRender', 'alembicUpgrade', ''],
  ['gensql upgrade base:head --no-validate, warm, op cache off (every module runs, every step rendered)', 'upgradeWarmNoOps', 'alembicUpgrade', ''],
  ['gensql upgrade base:head --no-validate, the run that fills the op cache', 'upgradeFillOps', 'alembicUpgrade', ''],
  ['gensql upgrade base:head --no-validate, cold cache', 'upgradeCold', 'alembicUpgrade', '≤ 0.4× Alembic'],
  ['gensql upgrade base:head (validated: the engine runs)', 'upgradeValidated', 'alembicUpgrade', '≤ 1× Alembic'],
  ['gensql upgrade base:head (validated: an identical run\'s result reused)', 'upgradeValidatedReused', 'alembicUpgrade', ''],
  ['gensql downgrade head:base --no-validate', 'downgrade', 'alembicDowngrade', ''],
  ['gensql heads (an identical run\'s output reused)', 'heads', 'alembicHeads', '≤ 0.1× Alembic'],
  ['gensql heads, output not reused (graph built from the index)', 'headsGraph', 'alembicHeads', ''],
  ['gensql heads, right after the last revision was added (the new file transpiled, index and bundle rebuilt)', 'headsAppended', 'alembicHeads', ''],
  ['alembic upgrade base:head --sql', 'alembicUpgrade', null, ''],
  ['alembic downgrade head:base --sql', 'alembicDowngrade', null, ''],
  ['alembic heads', 'alembicHeads', null, ''],
];
for (const [label, key, vs, target] of rows) {
  const cells = sizes.map((n) => {
    const r = results.sizes[n];
    return `${fmt(r[key])}${vs && r[vs] ? ` (${ratio(r[key], r[vs])}×)` : ''}`;
  });
  lines.push(`| ${label} | ${cells.join(' | ')} | ${mb(biggest[key])} | ${target} |`);
}
lines.push(`| gensql --help | ${fmt(results.help)} (${ratio(results.help, results.nodeBaseline)}× node -e 0) |${sizes.slice(1).map(() => ' |').join('')} ${mb(results.help)} | ≤ 2.5× node -e 0 |`);
lines.push(`| node -e 0 | ${fmt(results.nodeBaseline)} |${sizes.slice(1).map(() => ' |').join('')} ${mb(results.nodeBaseline)} | |`);
if (sizes.length > 1) {
  const [a, b] = [sizes[0], sizes[sizes.length - 1]];
  lines.push('', `growth ${a} → ${b} revisions (×${b / a} revisions): ` + ['upgradeWarm', 'upgradeCold', 'upgradeValidated', 'heads'].map((k) => `${k} ×${(results.sizes[b][k].median / results.sizes[a][k].median).toFixed(1)}`).join(', '));
}
if (!haveAlembic) lines.push('', 'Alembic not installed (apt-get install python3-alembic python3-sqlalchemy): no ratios.');
console.log(lines.join('\n'));
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2) + '\n');
