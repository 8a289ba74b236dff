import * as Args from '@oclif/core/args';
import { GraphCommand, jsonFlag } from '../cli/graph-command.js';

export default class Show extends GraphCommand {
  static summary = 'Show a revision: its id, parents, branch labels, file and message.';
  static examples = ['<%= config.bin %> show head', '<%= config.bin %> show 1975', '<%= config.bin %> show billing@head --json'];
  static args = { rev: Args.string({ description: 'revision identifier (id, prefix, head, heads, LABEL@head, relative forms)', required: true }) };
  static flags = { ...jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Show);
    await this.inspect('show', { json: flags.json, verbose: false, resolveDependencies: false, target: args.rev }, flags.config);
  }
}
