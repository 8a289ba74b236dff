/**
 * The fast path: bin/run.js asks it first. It answers `--help` from the help
 * texts written at build time (dist/help/), the read-only graph commands
 * (heads, history, branches, show) and the render commands (upgrade,
 * downgrade, stamp) directly — all without loading oclif, whose start-up
 * alone costs more than the whole 10,000-revision `heads` budget (and ~90 ms
 * and ~15 MB of every render). Anything else, and anything it does not fully
 * understand (an unknown or repeated flag, a value outside a flag's options,
 * a missing argument), goes to oclif, which parses and reports exactly as
 * usual.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GensqlError } from '../errors.js';
import { PACKAGE_ROOT } from '../version.js';
import { INSPECT, runInspect, type InspectName } from './inspect.js';
import type { Direction } from '../revision/types.js';
import type { RenderFlags } from './render-flow.js';

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
  // help in any other position: oclif's
  if (argv.some((a) => HELP_FLAGS.has(a))) return false;
  if (RENDER_COMMANDS.has(argv[0]!)) return fastRender(argv[0] as Direction, argv.slice(1));
  const name = argv[0] as InspectName;
  if (!Object.prototype.hasOwnProperty.call(INSPECT, name)) return false;
  const parsed = parseWithManifest(name, argv.slice(1));
  if (!parsed) return false;
  const v = parsed.values;
  try {
    const text = await runInspect(
      name,
      {
        json: v.json === true,
        verbose: v.verbose === true,
        rev: v.rev as string | undefined,
        resolveDependencies: v['resolve-dependencies'] === true,
        target: parsed.positionals[0],
      },
      v.config as string | undefined,
    );
    await write(text);
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

const RENDER_COMMANDS = new Set(['upgrade', 'downgrade', 'stamp']);

/** A flag as oclif's manifest (oclif.manifest.json, written at build) describes it. */
interface ManifestFlag {
  readonly type: 'boolean' | 'option';
  readonly char?: string;
  readonly options?: readonly string[];
  readonly allowNo?: boolean;
}

/** A command as oclif's manifest (oclif.manifest.json, written at build) describes it. */
interface ManifestCommand {
  readonly flags?: Record<string, ManifestFlag>;
  readonly args?: Record<string, { readonly required?: boolean }>;
}

function manifestCommand(command: string): ManifestCommand | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'oclif.manifest.json'), 'utf8')) as { commands?: Record<string, ManifestCommand> };
    return manifest.commands?.[command] ?? null;
  } catch {
    return null;
  }
}

/**
 * Parses a command's argv with the flags and arguments of oclif's own
 * manifest, so the two paths accept the same command lines; null for
 * anything oclif should answer (including every usage error, so messages
 * stay oclif's).
 */
function parseWithManifest(command: string, args: readonly string[]): { positionals: string[]; values: Record<string, string | boolean | undefined> } | null {
  const cmd = manifestCommand(command);
  if (!cmd) return null;
  const spec = cmd.flags ?? {};
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const [name, f] of Object.entries(spec)) {
    options[name] = { type: f.type === 'boolean' ? 'boolean' : 'string', ...(f.char ? { short: f.char } : {}) };
    if (f.type === 'boolean' && f.allowNo) options[`no-${name}`] = { type: 'boolean' };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  } catch {
    return null;
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind === 'option-terminator') return null;
    if (t.kind !== 'option') continue;
    const flag = t.name.startsWith('no-') && !(t.name in spec) ? t.name.slice(3) : t.name;
    if (seen.has(flag)) return null; // oclif refuses a repeated flag (and --x with --no-x)
    seen.add(flag);
  }
  const declared = Object.values(cmd.args ?? {});
  const required = declared.filter((a) => a.required === true).length;
  if (parsed.positionals.length < required || parsed.positionals.length > declared.length) return null;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, f] of Object.entries(spec)) {
    const value = values[name];
    if (f.options && typeof value === 'string' && !f.options.includes(value)) return null;
  }
  return { positionals: parsed.positionals, values };
}

/** A render command's argv as the flow takes it, or null for oclif to answer. */
export function parseRenderArgv(command: string, args: readonly string[]): { range: string; flags: RenderFlags } | null {
  const parsed = parseWithManifest(command, args);
  if (!parsed || parsed.positionals.length !== 1) return null;
  const v = parsed.values;
  const str = (name: string): string | undefined => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const bool = (name: string): boolean | undefined => (v[name] === true ? true : v[`no-${name}`] === true ? false : undefined);
  return {
    range: parsed.positionals[0]!,
    flags: {
      config: str('config'),
      dialect: str('dialect'),
      'out-dir': str('out-dir'),
      validate: bool('validate') ?? true,
      tag: str('tag'),
      'transaction-per-migration': bool('transaction-per-migration'),
      format: bool('format') ?? false,
      engine: str('engine'),
      'validate-url': str('validate-url'),
      'with-rollback': bool('with-rollback') ?? false,
      'review-template': str('review-template'),
    },
  };
}

async function fastRender(direction: Direction, args: readonly string[]): Promise<boolean> {
  const parsed = parseRenderArgv(direction, args);
  if (!parsed) return false;
  const { runRender } = await import('./render-flow.js');
  try {
    await runRender(direction, parsed.range, parsed.flags, { out: write, info: (line) => process.stderr.write(`${line}\n`) });
  } catch (e) {
    // as BaseCommand.catch does on oclif's path; exiting at once also ends an engine started for validation
    process.stderr.write(e instanceof GensqlError ? `${e.describe()}\n` : `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(e instanceof GensqlError ? e.exitCode : 2);
  }
  return true;
}
