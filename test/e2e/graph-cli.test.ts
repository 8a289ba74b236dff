/**
 * The graph commands end to end, against real Alembic on the same graph:
 * base -> a -> (b1 `left`, b2 `right`) -> merge m, plus a second root o1
 * (`other`) -> o2 that dependsOn b1. `heads`, `branches`, `history`, `show`
 * must print what Alembic prints; plans for ranges must run the same
 * revisions in the same order with the same version-table statements, and
 * where Alembic refuses a range gensql refuses it too (exit 2, empty stdout).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gensql, makeProject, revisionFile } from '../support/cli.js';

interface Rev {
  id: string;
  down: string[];
  labels?: string[];
  dependsOn?: string;
  message: string;
}

const REVS: Rev[] = [
  { id: 'a1a1a1a1a1a1', down: [], message: 'a' },
  { id: 'b1b1b1b1b1b1', down: ['a1a1a1a1a1a1'], labels: ['left'], message: 'b1' },
  { id: 'b2b2b2b2b2b2', down: ['a1a1a1a1a1a1'], labels: ['right'], message: 'b2' },
  { id: 'm0m0m0m0m0m0', down: ['b1b1b1b1b1b1', 'b2b2b2b2b2b2'], message: 'merge m' },
  { id: 'c0c0c0c0c0c1', down: [], labels: ['other'], message: 'o1' },
  { id: 'c0c0c0c0c0c2', down: ['c0c0c0c0c0c1'], dependsOn: 'b1b1b1b1b1b1', message: 'o2' },
];

let gensqlDir = '';
let alembicDir = '';

function pyList(v: string[]): string {
  return v.length === 0 ? 'None' : v.length === 1 ? `"${v[0]}"` : `(${v.map((x) => `"${x}"`).join(', ')})`;
}

beforeAll(() => {
  const files: Record<string, string> = {};
  for (const r of REVS) {
    const extra = [r.labels ? `export const branchLabels = ${JSON.stringify(r.labels)};` : '', r.dependsOn ? `export const dependsOn = '${r.dependsOn}';` : ''].join('\n');
    files[`${r.id}_${r.message.replace(/\W/g, '_')}.ts`] = revisionFile({ id: r.id, down: r.down.length === 0 ? null : r.down.length === 1 ? r.down[0] : r.down, message: r.message, up: `  op.execute('-- upgrade body of ${r.id}');`, down_body: `  op.execute('-- downgrade body of ${r.id}');`, extra });
  }
  gensqlDir = makeProject(files, { versionTable: 'alembic_version' });
  alembicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gensql-alembic-graph-'));
  const versions = path.join(alembicDir, 'scripts', 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(alembicDir, 'alembic.ini'), '[alembic]\nscript_location = scripts\nsqlalchemy.url = postgresql://offline@localhost/offline\n');
  fs.writeFileSync(path.join(alembicDir, 'scripts', 'script.py.mako'), '');
  fs.writeFileSync(
    path.join(alembicDir, 'scripts', 'env.py'),
    'from alembic import context\ncontext.configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)\nwith context.begin_transaction():\n    context.run_migrations()\n',
  );
  for (const r of REVS) {
    fs.writeFileSync(
      path.join(versions, `${r.id}_${r.message.replace(/\W/g, '_')}.py`),
      `"""${r.message}"""\nfrom alembic import op\nrevision = "${r.id}"\ndown_revision = ${pyList(r.down)}\nbranch_labels = ${r.labels ? `(${r.labels.map((l) => `"${l}"`).join(', ')},)` : 'None'}\ndepends_on = ${r.dependsOn ? `"${r.dependsOn}"` : 'None'}\n\n\ndef upgrade():\n    op.execute("-- upgrade body of ${r.id}")\n\n\ndef downgrade():\n    op.execute("-- downgrade body of ${r.id}")\n`,
    );
  }
});

function alembic(args: string[]): { code: number; stdout: string } {
  const r = spawnSync('/usr/bin/python3', ['-m', 'alembic', ...args], { cwd: alembicDir, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout };
}

/**
 * What a plan does: each step's `-- Running` line and the version rows after
 * it (simulated from the INSERT/UPDATE/DELETE statements). Alembic picks
 * some row moves in Python set order, so the statements themselves may
 * differ where the resulting rows cannot.
 */
function planSteps(script: string): string[] {
  const rows = new Set<string>();
  const out: string[] = [];
  for (const line of script.split('\n')) {
    let m: RegExpExecArray | null;
    if (line.startsWith('-- Running')) out.push(line);
    else if ((m = /^INSERT INTO alembic_version \(version_num\) VALUES \('(\w+)'\)/.exec(line))) rows.add(m[1]!);
    else if ((m = /^UPDATE alembic_version SET version_num='(\w+)' WHERE alembic_version\.version_num = '(\w+)'/.exec(line))) {
      rows.delete(m[2]!);
      rows.add(m[1]!);
    } else if ((m = /^DELETE FROM alembic_version WHERE alembic_version\.version_num = '(\w+)'/.exec(line))) rows.delete(m[1]!);
    else continue;
    if (!line.startsWith('-- Running')) out[out.length - 1] = `${out[out.length - 1]!.split(' => ')[0]} => ${[...rows].sort().join(',')}`;
  }
  return out;
}

/** Alembic prints several labels, a branch point's children and a merge's parents in Python set order: compare them sorted. */
function normalize(text: string): string {
  return text
    .replace(/^Path: .*$/gm, 'Path: <file>')
    .replace(/\(([\w]+(?:, [\w]+)+)\)/g, (_, list: string) => `(${list.split(', ').sort().join(', ')})`)
    .replace(/^(Branch names|Branches into|Merges): (.*)$/gm, (_, what: string, list: string) => `${what}: ${list.split(', ').sort().join(', ')}`)
    .replace(/((?:^ +-> .*\n)+)/gm, (block: string) => block.split('\n').filter(Boolean).sort().join('\n') + '\n');
}

describe('graph commands against Alembic', () => {
  for (const args of [['heads'], ['heads', '--verbose'], ['branches'], ['history'], ['history', '--verbose'], ['history', '-r', 'b1b1b1b1b1b1:'], ['show', 'b1b1'], ['show', 'left@head']]) {
    it(args.join(' '), async () => {
      const theirs = alembic(args);
      const ours = await gensql(args, { cwd: gensqlDir });
      expect(ours.code).toBe(theirs.code === 0 ? 0 : 2);
      // verbose entries name the file: ours is .ts, Alembic's .py
      expect(normalize(ours.stdout)).toBe(normalize(theirs.stdout));
    });
  }

  const plans: [string, string][] = [
    ['upgrade', 'base:heads'],
    ['upgrade', 'heads'],
    ['upgrade', 'left@head'],
    ['upgrade', 'b1b1b1b1b1b1:m0m0m0m0m0m0'],
    ['upgrade', 'other@head'],
    ['upgrade', 'a1a1a1a1a1a1:+1'],
    ['upgrade', 'a1a1a1a1a1a1+2'],
    ['upgrade', 'head'],
    ['upgrade', 'head-1'],
    ['upgrade', 'c0c0:heads'],
    ['downgrade', 'm0m0m0m0m0m0:base'],
    ['downgrade', 'm0m0m0m0m0m0:a1a1a1a1a1a1'],
    ['downgrade', 'm0m0m0m0m0m0:-1'],
    ['downgrade', 'c0c0c0c0c0c2:other@base'],
    ['stamp', 'heads'],
    ['stamp', 'm0m0m0m0m0m0:base'],
  ];
  for (const [command, range] of plans) {
    it(`${command} ${range}`, async () => {
      const theirs = alembic([command, range, '--sql']);
      const ours = await gensql([command, range, '--no-validate'], { cwd: gensqlDir });
      if (theirs.code !== 0) {
        expect(ours.code, ours.stdout).toBe(2);
        expect(ours.stdout).toBe('');
        return;
      }
      expect(ours.code, ours.stderr).toBe(0);
      expect(planSteps(ours.stdout)).toEqual(planSteps(theirs.stdout));
    });
  }
});
