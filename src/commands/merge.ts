import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base.js';
import { jsonText } from '../cli/json.js';
import { usageError } from '../errors.js';
import { openProject } from '../project.js';
import { writeRevision } from '../revision/author.js';
import { resolveRevisions } from '../revision/resolve.js';

export default class Merge extends BaseCommand {
  static summary = 'Write a merge revision joining two or more revisions (usually the heads).';
  static examples = ['<%= config.bin %> merge heads -m "merge billing and cleanup"', '<%= config.bin %> merge e5f6 f6a1 -m "merge" --rev-id 0a1b2c3d4e5f'];
  static strict = false;
  static args = { revisions: Args.string({ description: 'revisions to merge (or "heads" for all heads)', required: true }) };
  static flags = {
    message: Flags.string({ char: 'm', description: 'the revision message', required: true }),
    'rev-id': Flags.string({ description: 'the revision id (default: 12 random hex digits)' }),
    'branch-label': Flags.string({ description: 'branch label(s) of the merge revision', multiple: true }),
    json: Flags.boolean({ description: 'print {"revision", "file"} as JSON', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Merge);
    const { config, graph } = await openProject({ configPath: flags.config });
    const parents: string[] = [];
    for (const ident of argv as string[]) for (const id of resolveRevisions(graph, ident)) if (!parents.includes(id)) parents.push(id);
    if (parents.length < 2) throw usageError(`a merge needs at least two revisions, got ${parents.join(', ') || 'none'}`);
    for (const a of parents) {
      for (const b of parents) {
        if (a !== b && graph.ancestors([b], { includeDependencies: false }).includes(a)) throw usageError(`revision ${a} is an ancestor of ${b}; there is nothing to merge between them`);
      }
    }
    const { id, file } = await writeRevision(config, graph, { message: flags.message, revId: flags['rev-id'], downRevisions: parents, branchLabels: flags['branch-label'] ?? [], dependsOn: [] });
    await this.out(flags.json ? jsonText({ revision: id, file }) : `${file}\n`);
  }
}
