/**
 * The fast path: bin/run.js asks it first. It answers `--help` from the help
 * texts written at build time (dist/help/), and the read-only graph commands
 * (heads, history, branches, show) directly — both without loading oclif,
 * whose start-up alone costs more than the whole 10,000-revision `heads`
 * budget. Anything else, and anything it does not fully understand (an
 * unknown flag, a missing argument), goes to oclif, which parses and reports
 * exactly as usual.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GensqlError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';
import { INSPECT, INSPECT_FLAGS, type InspectName } from './inspect.js';

const HELP_FLAGS = new Set(['--help', '-h']);

function helpText(id: string): string | null {
  try {
    return fs.readFileSync(path.join(PACKAGE_ROOT, 'dist', 'help', `${id || 'root'}.txt`), 'utf8');
  } catch {
    return null;
  }
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

/** Handles argv when it can; returns false to let oclif run. */
export async function fastPath(argv: readonly string[]): Promise<boolean> {
  if (process.env.GENSQL_NO_FASTPATH === '1') return false;
  // `gensql --help`, `gensql`, `gensql help`, `gensql CMD --help`, `gensql help CMD`
  if (argv.length === 0 || (argv.length === 1 && (HELP_FLAGS.has(argv[0]!) || argv[0] === 'help'))) return show(helpText(''));
  if (argv.length === 2 && HELP_FLAGS.has(argv[1]!) && !argv[0]!.startsWith('-')) return show(helpText(argv[0]!));
  if (argv.length === 2 && argv[0] === 'help') return show(helpText(argv[1]!));
  const name = argv[0] as InspectName;
  const spec = Object.prototype.hasOwnProperty.call(INSPECT_FLAGS, name) ? INSPECT_FLAGS[name] : undefined;
  if (!spec || argv.some((a) => HELP_FLAGS.has(a))) return false;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
    for (const b of spec.booleans) options[b] = { type: 'boolean' };
    for (const s of spec.strings) options[s] = { type: 'string' };
    for (const [short, long] of Object.entries(spec.shorts)) options[long] = { ...options[long]!, short };
    parsed = parseArgs({ args: argv.slice(1), options, allowPositionals: true, strict: true });
  } catch {
    return false;
  }
  if (parsed.positionals.length !== spec.args) return false;
  const v = parsed.values as Record<string, string | boolean | undefined>;
  try {
    const { openProject } = await import('../project.js');
    const { graph } = await openProject({ configPath: v.config as string | undefined });
    await write(
      INSPECT[name](graph, {
        json: v.json === true,
        verbose: v.verbose === true,
        rev: v.rev as string | undefined,
        resolveDependencies: v['resolve-dependencies'] === true,
        target: parsed.positionals[0],
      }),
    );
  } catch (e) {
    if (!(e instanceof GensqlError)) throw e;
    process.stderr.write(`${e.describe()}\n`);
    process.exitCode = e.exitCode;
  }
  return true;

  async function show(text: string | null): Promise<boolean> {
    if (text === null) return false;
    await write(text);
    return true;
  }
}
