import { rangeArg, RenderCommand, renderFlags } from '../cli/render-command.js';

export default class Stamp extends RenderCommand {
  static summary = 'Render only the version-table statements for a range (no schema changes).';
  static description = 'Use it to record revisions as applied on a database whose schema already matches them.';
  static examples = ['<%= config.bin %> stamp head', '<%= config.bin %> stamp base:heads', '<%= config.bin %> stamp dddd00000005:base'];
  static args = rangeArg;
  static flags = renderFlags;
  protected readonly direction = 'stamp' as const;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Stamp);
    await this.render(args.range, flags);
  }
}
