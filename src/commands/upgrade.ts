import { rangeArg, RenderCommand, renderFlags } from '../cli/render-command.js';

export default class Upgrade extends RenderCommand {
  static summary = 'Render the SQL that upgrades a database over a range of revisions.';
  static description = 'Writes the script to stdout (or a review bundle with --out-dir) only when the whole script rendered and validated. RANGE is FROM:TO; TO alone means base:TO.';
  static examples = [
    '<%= config.bin %> upgrade base:head > deploy.sql',
    '<%= config.bin %> upgrade head --dialect mysql',
    '<%= config.bin %> upgrade 1975ea83b712:heads --no-validate',
    '<%= config.bin %> upgrade base:head --out-dir review/ --with-rollback --tag r42',
  ];
  static args = rangeArg;
  static flags = renderFlags;
  protected readonly direction = 'upgrade' as const;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Upgrade);
    await this.render(args.range, flags);
  }
}
