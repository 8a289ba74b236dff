import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base.js';
import { validationError } from '../errors.js';
import { bundleIntact, checkBundle, readManifest } from '../output/manifest.js';

export default class Verify extends BaseCommand {
  static summary = 'Check a review bundle against its manifest: every file unchanged, none missing, none added.';
  static description =
    'Recomputes the sha256 of every file that DIR/manifest.json lists (written by upgrade/downgrade/stamp --out-dir) and reports each file that changed, is missing, or is in DIR without being listed. ' +
    'Run it on the machine that applies the scripts, to prove that what runs is what was reviewed. ' +
    'Exit 0: the bundle is intact; 1: it does not match its manifest; 2: DIR or its manifest is missing or invalid. ' +
    'On success the result goes to stdout. On a mismatch nothing goes to stdout: the changed, missing and added files go to stderr, ' +
    'followed by the error line (--json: the same JSON document alone on stderr).';
  static examples = [
    '<%= config.bin %> upgrade base:head --out-dir review/r42 --with-rollback --tag r42',
    '<%= config.bin %> verify review/r42',
    '<%= config.bin %> verify review/r42 --json',
  ];
  static args = { dir: Args.string({ description: 'the bundle folder (holding manifest.json)', required: true }) };
  static flags = {
    json: Flags.boolean({ description: 'print the result as JSON (stdout; stderr when the bundle does not match)', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Verify);
    const manifest = await readManifest(args.dir);
    const check = await checkBundle(args.dir, manifest);
    const ok = bundleIntact(check);
    let text: string;
    if (flags.json) {
      const report = { dir: args.dir, ok, checked: check.checked, changed: check.changed, missing: check.missing, added: check.added };
      text = `${JSON.stringify(report, null, 2)}\n`;
    } else {
      const lines = [
        ...check.changed.map((p) => `changed: ${p}`),
        ...check.missing.map((p) => `missing: ${p}`),
        ...check.added.map((p) => `added: ${p}`),
      ];
      if (ok) lines.push(`ok: ${check.checked} files match ${args.dir}/manifest.json (${manifest.direction} ${manifest.range}, ${manifest.dialect}${manifest.tag ? `, tag ${manifest.tag}` : ''})`);
      text = `${lines.join('\n')}\n`;
    }
    if (ok) {
      await this.out(text);
      return;
    }
    // a failure writes nothing on stdout (SPEC 4): the result goes to stderr
    await this.err(text);
    // --json: stderr holds the JSON document alone, parseable as it is
    if (flags.json) this.exit(1);
    const n = check.changed.length + check.missing.length + check.added.length;
    throw validationError(`${args.dir} does not match its manifest: ${check.changed.length} changed, ${check.missing.length} missing, ${check.added.length} added (${n} problem${n > 1 ? 's' : ''})`);
  }
}
