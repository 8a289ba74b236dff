import * as Args from '@oclif/core/args';
import { RenderCommand, renderFlags } from '../cli/render-command.js';

export default class Downgrade extends RenderCommand {
  static summary = 'Render the SQL that downgrades a database over FROM:TO.';
  static description = 'Offline, nothing tells where the database is, so the range always needs FROM. The script refuses to run on a database whose version table does not hold FROM.';
  static examples = [
    '<%= config.bin %> downgrade head:base > rollback.sql',
    '<%= config.bin %> downgrade head:-1',
    '<%= config.bin %> downgrade ae1027a6acf4:1975ea83b712 --dialect sqlite',
  ];
  static args = { range: Args.string({ description: 'FROM:TO', required: true }) };
  static flags = renderFlags;
  protected readonly direction = 'downgrade' as const;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Downgrade);
    await this.render(args.range, flags);
  }
}
