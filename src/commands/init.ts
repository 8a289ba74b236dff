import fs from 'node:fs';
import path from 'node:path';
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../cli/base.js';
import { CONFIG_FILE, DIALECTS } from '../config/config.js';
import { usageError } from '../errors.js';
import { PACKAGED_TEMPLATE } from '../revision/author.js';
import { PACKAGE_ROOT } from '../version.js';

export default class Init extends BaseCommand {
  static summary = 'Create a migration environment: gensql.config.json, DIR/versions/, DIR/script.ts.hbs and DIR/tsconfig.json.';
  static examples = ['<%= config.bin %> init', '<%= config.bin %> init db/migrations --dialect mysql'];
  static args = { dir: Args.string({ description: 'folder of the environment', default: 'migrations' }) };
  static flags = {
    dialect: Flags.string({ char: 'd', description: 'default target dialect written to the config', options: [...DIALECTS], default: 'postgresql' }),
    'version-table': Flags.string({ description: 'version table name (alembic_version keeps a database Alembic managed)', default: 'gensql_version' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    const cwd = process.cwd();
    const configFile = path.join(cwd, CONFIG_FILE);
    if (fs.existsSync(configFile)) throw usageError(`${CONFIG_FILE} already exists in ${cwd}`);
    const dir = path.resolve(cwd, args.dir);
    const versions = path.join(dir, 'versions');
    if (fs.existsSync(versions) && fs.readdirSync(versions).length > 0) throw usageError(`${path.relative(cwd, versions)} already exists and is not empty`);
    fs.mkdirSync(versions, { recursive: true });
    fs.copyFileSync(PACKAGED_TEMPLATE, path.join(dir, 'script.ts.hbs'));
    const rel = path.relative(cwd, versions).split(path.sep).join('/');
    const config = { versions: [rel], dialect: flags.dialect, versionTable: flags['version-table'] };
    fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    // editors type-check revision files against this gensql's own types (no local node_modules needed)
    const tsconfig = path.join(dir, 'tsconfig.json');
    if (!fs.existsSync(tsconfig)) {
      const types = path.join(PACKAGE_ROOT, 'dist', 'src', 'index.d.ts');
      const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [], paths: { gensql: [types] } };
      fs.writeFileSync(tsconfig, `${JSON.stringify({ compilerOptions, include: ['versions/**/*.ts'] }, null, 2)}\n`);
    }
    this.info(`created ${CONFIG_FILE}, ${rel}/, ${path.relative(cwd, path.join(dir, 'script.ts.hbs'))} and ${path.relative(cwd, tsconfig)} (editor types)`);
    this.info(`next: gensql revision -m "first revision"`);
  }
}
