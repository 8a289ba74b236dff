/**
 * The inspection commands keep their last output (src/cli/inspect.ts,
 * `runInspect`): a repeated `heads` on an unchanged history prints it
 * without building the graph. What is reused must be exactly what a run
 * without reuse prints, and anything the output depends on — a revision's
 * content, a new or removed file, the options, the working folder, the
 * config — must make the next run compute it again. GENSQL_TIMING=1 says
 * when output was reused, which is what proves the reuse happened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gensql, makeProject, revisionFile, tempDirs } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';

const temp = tempDirs();

function project(): string {
  const dir = makeProject({
    'a1_first.ts': revisionFile({ id: 'a1', up: "op.execute('select 1');" }),
    'a2_second.ts': revisionFile({ id: 'a2', down: 'a1', up: "op.execute('select 2');" }),
    'b1_side.ts': revisionFile({ id: 'b1', down: 'a1', message: 'side branch', up: "op.execute('select 3');" }),
  });
  temp.keep(dir);
  return dir;
}

const REUSED = /timing: (\w+): output of an identical run reused/;

/** Runs a command with reuse (and timing lines) and without; both must print the same, and the first says whether it reused. */
async function both(args: string[], cwd: string, cache: string): Promise<{ run: CliResult; reused: boolean }> {
  const run = await gensql(args, { cwd, env: { GENSQL_CACHE_DIR: cache, GENSQL_TIMING: '1' } });
  const fresh = await gensql(args, { cwd, env: { GENSQL_NO_INSPECT_REUSE: '1' } });
  expect(run.code).toBe(fresh.code);
  expect(run.stdout).toBe(fresh.stdout);
  expect(run.stderr.split('\n').filter((l) => !l.startsWith('timing: ')).join('\n')).toBe(fresh.stderr);
  return { run, reused: REUSED.test(run.stderr) };
}

describe('reused inspection output', () => {
  it('a repeated command reuses its output; each command and option set is kept apart', async () => {
    const dir = project();
    const cache = temp.make('gensql-icache-');
    const first = await both(['heads'], dir, cache);
    expect(first.run.stdout).toBe('a2 (head)\nb1 (head)\n');
    expect(first.reused).toBe(false);
    expect((await both(['heads'], dir, cache)).reused).toBe(true);
    // other options: computed, then reused
    expect((await both(['heads', '--json'], dir, cache)).reused).toBe(false);
    expect((await both(['heads', '--json'], dir, cache)).reused).toBe(true);
    // the plain form was overwritten by the --json one (one output per command is kept)
    expect((await both(['heads'], dir, cache)).reused).toBe(false);
    for (const args of [['history', '--verbose'], ['branches'], ['show', 'a1']]) {
      const a = await both(args, dir, cache);
      expect(a.reused).toBe(false);
      expect(a.run.code).toBe(0);
      expect((await both(args, dir, cache)).reused).toBe(true);
    }
    const other = await both(['show', 'b1'], dir, cache);
    expect(other.reused).toBe(false);
    expect(other.run.stdout).toContain('side branch');
  });

  it('an edited, added or removed revision file is read again', async () => {
    const dir = project();
    const cache = temp.make('gensql-icache-');
    const versions = path.join(dir, 'migrations', 'versions');
    await both(['heads'], dir, cache);
    // b1 now follows a2: one head
    fs.writeFileSync(path.join(versions, 'b1_side.ts'), revisionFile({ id: 'b1', down: 'a2', message: 'side branch', up: "op.execute('select 3');" }));
    let r = await both(['heads'], dir, cache);
    expect(r.reused).toBe(false);
    expect(r.run.stdout).toBe('b1 (head)\n');
    fs.writeFileSync(path.join(versions, 'c1_next.ts'), revisionFile({ id: 'c1', down: 'b1', up: "op.execute('select 4');" }));
    r = await both(['heads'], dir, cache);
    expect(r.reused).toBe(false);
    expect(r.run.stdout).toBe('c1 (head)\n');
    fs.rmSync(path.join(versions, 'c1_next.ts'));
    r = await both(['heads'], dir, cache);
    expect(r.reused).toBe(false);
    expect(r.run.stdout).toBe('b1 (head)\n');
    expect((await both(['heads'], dir, cache)).reused).toBe(true);
  });

  it('a failing command stores nothing, and a broken history is never hidden by an earlier output', async () => {
    const dir = project();
    const cache = temp.make('gensql-icache-');
    const versions = path.join(dir, 'migrations', 'versions');
    expect((await both(['heads'], dir, cache)).run.code).toBe(0);
    fs.writeFileSync(path.join(versions, 'b1_side.ts'), revisionFile({ id: 'b1', down: 'zz', up: "op.execute('select 3');" }));
    const broken = await both(['heads'], dir, cache);
    expect(broken.run.code).toBe(2);
    expect(broken.run.stdout).toBe('');
    expect(broken.run.stderr).toContain('zz');
    const again = await both(['heads'], dir, cache);
    expect(again.run.code).toBe(2);
    expect(again.reused).toBe(false);
    // an unknown revision: the error each time
    fs.writeFileSync(path.join(versions, 'b1_side.ts'), revisionFile({ id: 'b1', down: 'a1', up: "op.execute('select 3');" }));
    for (let i = 0; i < 2; i++) {
      const r = await both(['show', 'nope'], dir, cache);
      expect(r.run.code).toBe(2);
      expect(r.reused).toBe(false);
    }
  });

  it('paths are shown relative to the working folder, and the config is part of the key', async () => {
    const dir = project();
    const cache = temp.make('gensql-icache-');
    const top = await both(['heads', '--verbose'], dir, cache);
    expect(top.run.stdout).toContain(path.join('migrations', 'versions', 'a2_second.ts'));
    const sub = path.join(dir, 'migrations');
    const below = await both(['heads', '--verbose'], sub, cache);
    expect(below.reused).toBe(false);
    expect(below.run.stdout).toContain(path.join('versions', 'a2_second.ts'));
    expect(below.run.stdout).not.toContain(path.join('migrations', 'versions', 'a2_second.ts'));
    // a second versions folder in the config: its revision joins the graph
    fs.mkdirSync(path.join(dir, 'more'));
    fs.writeFileSync(path.join(dir, 'more', 'd1_more.ts'), revisionFile({ id: 'd1', down: 'b1', up: "op.execute('select 5');" }));
    const config = path.join(dir, 'gensql.config.json');
    fs.writeFileSync(config, JSON.stringify({ versions: ['migrations/versions', 'more'] }, null, 2));
    const more = await both(['heads'], dir, cache);
    expect(more.reused).toBe(false);
    expect(more.run.stdout).toBe('a2 (head)\nd1 (head)\n');
  });

  it("oclif's path (GENSQL_NO_FASTPATH=1) reads and writes the same outputs", async () => {
    const dir = project();
    const cache = temp.make('gensql-icache-');
    const env = { GENSQL_CACHE_DIR: cache, GENSQL_TIMING: '1' };
    const slow = await gensql(['branches', '--verbose'], { cwd: dir, env: { ...env, GENSQL_NO_FASTPATH: '1' } });
    const fast = await gensql(['branches', '--verbose'], { cwd: dir, env });
    expect(slow.code).toBe(0);
    expect(REUSED.test(slow.stderr)).toBe(false);
    expect(REUSED.test(fast.stderr)).toBe(true);
    expect(fast.stdout).toBe(slow.stdout);
    const slowAgain = await gensql(['branches', '--verbose'], { cwd: dir, env: { ...env, GENSQL_NO_FASTPATH: '1' } });
    expect(REUSED.test(slowAgain.stderr)).toBe(true);
    expect(slowAgain.stdout).toBe(slow.stdout);
  });
});
