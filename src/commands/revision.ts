import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base.js';
import { jsonText } from '../cli/json.js';
import { openProject } from '../project.js';
import { chooseParents, writeRevision } from '../revision/author.js';
import { resolveRevisions } from '../revision/resolve.js';

export default class Revision extends BaseCommand {
  static summary = 'Write a new revision file from the template, on top of the current head.';
  static examples = [
    '<%= config.bin %> revision -m "create account table"',
    '<%= config.bin %> revision -m "add index" --head billing@head',
    '<%= config.bin %> revision -m "hotfix" --head 1975ea83b712 --splice --branch-label hotfix',
    '<%= config.bin %> revision -m "new root" --head base --branch-label audit',
    '<%= config.bin %> revision -m "needs accounts" --depends-on 1975ea83b712 --rev-id 0123456789ab',
  ];
  static flags = {
    message: Flags.string({ char: 'm', description: 'the revision message', required: true }),
    'rev-id': Flags.string({ description: 'the revision id (default: 12 random hex digits)' }),
    head: Flags.string({ description: 'revision(s) to build on (default: head; "base" starts a new root)' }),
    splice: Flags.boolean({ description: 'allow --head to name a revision that is not a head (starts a branch)', default: false }),
    'branch-label': Flags.string({ description: 'branch label(s) of the new revision', multiple: true }),
    'depends-on': Flags.string({ description: 'revision(s) the new one depends on (id, prefix or branch label)', multiple: true }),
    json: Flags.boolean({ description: 'print {"revision", "file"} as JSON', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Revision);
    const { config, graph } = await openProject({ configPath: flags.config });
    const dependsOn = (flags['depends-on'] ?? []).flatMap((d) => resolveRevisions(graph, d));
    const { id, file } = await writeRevision(config, graph, {
      message: flags.message,
      revId: flags['rev-id'],
      downRevisions: chooseParents(graph, flags.head, flags.splice),
      branchLabels: flags['branch-label'] ?? [],
      dependsOn,
    });
    await this.out(flags.json ? jsonText({ revision: id, file }) : `${file}\n`);
  }
}
