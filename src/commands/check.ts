import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base.js';
import { jsonText } from '../cli/json.js';
import { progress } from '../cli/progress.js';
import { DIALECTS } from '../config/config.js';
import { validationError } from '../errors.js';
import { openProject } from '../project.js';
import { holdYoungGeneration } from '../cli/heap.js';
import type { DialectName } from '../record/operations.js';

export default class Check extends BaseCommand {
  static summary = 'Prove that every revision of a range upgrades, downgrades and upgrades again in the embedded engine.';
  static description = [
    'For each revision, in upgrade order, on a database brought to the start of RANGE (default base:heads): upgrade it, downgrade it,',
    'compare the schema read back from the engine (tables, columns with types, nullability and defaults, constraints, indexes, views,',
    'sequences, enum types, triggers, functions) with the schema before the upgrade, and upgrade it again. Reports each revision whose',
    'downgrade does not restore the schema (with the difference), each statement the engine rejects, and lint findings: revisions',
    'without downgrade(), several heads, statements the engine could not check.',
    '',
    'Engines: PGlite for postgresql and sql.js for sqlite read the schema back from their catalog. Where no engine executes SQL',
    '(mysql and mariadb: statements parsed by node-sql-parser; mssql and oracle: no engine), schemas',
    "are compared in gensql's schema model instead: what the revisions declare, not what their raw SQL does.",
    "On mysql and mariadb, raw op.execute SQL the parser rejects is an error; statements gensql generated that it rejects are not checked.",
    'pg-mem cannot serve check: it neither reads a schema back nor returns to a savepoint.',
    '',
    'Exit 0: everything passed (warnings allowed unless --strict); 1: a revision failed, or a warning with --strict; 2: bad usage or revision files.',
    'On success the report goes to stdout (--json: one JSON document).',
    'On failure nothing goes to stdout: the report goes to stderr, followed by the error line; with --json, the same JSON document goes to stderr, alone.',
    'Progress goes to stderr.',
  ].join('\n');
  static examples = [
    '<%= config.bin %> check',
    '<%= config.bin %> check 1975ea83b712:head',
    '<%= config.bin %> check --dialect sqlite',
    '<%= config.bin %> check --json > check-report.json',
  ];
  static args = {
    range: Args.string({ description: 'FROM:TO, or TO alone (from base)', required: false, default: 'base:heads' }),
  };
  static flags = {
    dialect: Flags.string({ char: 'd', description: 'target dialect (default: config, else postgresql)', options: [...DIALECTS] }),
    engine: Flags.string({ description: 'engine: pglite (postgresql), sqljs (sqlite), node-sql-parser (mysql, mariadb), none (mssql, oracle); each is the default for its dialects' }),
    json: Flags.boolean({ description: 'print the report as one JSON document (stdout; stderr when the check fails)', default: false }),
    strict: Flags.boolean({ description: 'fail (exit 1) on warnings too: missing downgrade(), several heads, statements not checked', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Check);
    holdYoungGeneration();
    const bar = progress();
    const project = await openProject({ configPath: flags.config, onProgress: (d, n) => bar.update('loading', d, n), afterLoad: () => holdYoungGeneration(true) });
    const dialect = (flags.dialect ?? project.config.dialect) as DialectName;
    const range = args.range.includes(':') ? args.range : `base:${args.range}`;
    const { runCheck } = await import('../validate/check.js');
    const { formatCheckReport } = await import('../validate/check-report.js');
    let report;
    try {
      report = await runCheck(project, { range, dialect, engine: flags.engine, log: (line) => this.info(line), onProgress: (phase, d, n) => bar.update(phase, d, n) });
    } finally {
      bar.done();
    }
    project.source.saveCodeCache();
    (await import('../revision/op-cache.js')).saveOpCaches(project.source);
    const text = flags.json ? jsonText(report) : formatCheckReport(report);
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    const failed = !report.ok || (flags.strict && warnings > 0);
    if (!failed) {
      await this.out(text);
      return;
    }
    // a failure writes nothing on stdout (SPEC 4): the report goes to stderr
    await this.err(text);
    // --json: stderr holds the JSON document alone, parseable as it is
    if (flags.json) this.exit(1);
    if (!report.ok) {
      const errors = report.findings.filter((f) => f.severity === 'error');
      const first = errors[0]!;
      throw validationError(`check ${range} failed: ${errors.length} error${errors.length === 1 ? '' : 's'}; the first: ${first.message}`, {
        files: first.file ? [first.file] : undefined,
        revision: first.revision,
        op: first.op,
        statement: first.statement,
        engine: first.engine,
      });
    }
    throw validationError(`check ${range}: ${warnings} warning${warnings === 1 ? '' : 's'} (--strict)`);
  }
}
