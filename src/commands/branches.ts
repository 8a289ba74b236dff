import { Flags } from '@oclif/core';
import { GraphCommand, jsonFlag } from '../cli/graph-command.js';
import { jsonText } from '../cli/json.js';
import { describeBranches, formatBranches } from '../revision/describe.js';

export default class Branches extends GraphCommand {
  static summary = 'Show the branch points of the revision graph and where they lead.';
  static examples = ['<%= config.bin %> branches', '<%= config.bin %> branches --verbose', '<%= config.bin %> branches --json'];
  static flags = {
    verbose: Flags.boolean({ char: 'v', description: 'show full entries', default: false }),
    ...jsonFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Branches);
    const { graph } = await this.project(flags.config);
    await this.out(flags.json ? jsonText(describeBranches(graph)) : formatBranches(graph, { verbose: flags.verbose }));
  }
}
