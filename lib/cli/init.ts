// `cdk-fleet init [dir]`: scaffolds a platform repository (cdk8s and cdktf apps, a reusable module
// with its test, CI workflows, .gitignore) from the templates shipped in the package.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ownPackageJson, PACKAGE_ROOT } from '../core/package';
import { CliError, CommandSpec } from './args';
import { ciWorkflow, CI_WORKFLOW_FILE } from './ci-workflow';

/** Where the scaffold's files are, in the package and in the repository alike. */
const TEMPLATES = join(PACKAGE_ROOT, 'templates', 'init');
/** Template names npm would drop or hide from a package, and what they become. */
const RENAMES: Record<string, string> = { 'gitignore': '.gitignore', 'github': '.github' };
/** Versions of what the scaffold needs besides the library (the cdk8s typescript-app template's test tools). */
const SCAFFOLD_DEV_DEPENDENCIES: Record<string, string> = {
  '@types/jest': '^29.5.14',
  '@types/node': '^20.19.43',
  'jest': '^29.7.0',
  'ts-jest': '^29.4.15',
  'ts-node': '^10.9.2',
};

/** The scaffold's package.json. */
function packageJson(name: string, cdkFleet: string): string {
  const own = ownPackageJson();
  const pin = (dep: string) => {
    const v = own.devDependencies[dep];
    if (!v) throw new Error(`cdk-fleet's package.json has no devDependency ${dep}`);
    return v;
  };
  const sorted = (r: Record<string, string>) => Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]]));
  return `${JSON.stringify({
    name,
    version: '0.1.0',
    private: true,
    scripts: {
      'synth': 'cdk8s synth',
      'synth:terraform': 'ts-node terraform.ts',
      'test': 'jest',
      'plan': 'cdk-fleet plan dist',
      'build': 'tsc --noEmit && jest && cdk8s synth',
    },
    dependencies: sorted({
      '@cdktf/provider-helm': pin('@cdktf/provider-helm'),
      '@cdktf/provider-kubernetes': pin('@cdktf/provider-kubernetes'),
      'cdk-fleet': cdkFleet,
      'cdk8s': pin('cdk8s'),
      'cdktf': pin('cdktf'),
      'constructs': pin('constructs'),
    }),
    devDependencies: sorted({
      ...SCAFFOLD_DEV_DEPENDENCIES,
      'cdk8s-cli': pin('cdk8s-cli'),
      'typescript': pin('typescript'),
    }),
  }, null, 2)}\n`;
}

/** Every template file, relative to the template folder, sorted. */
function templateFiles(dir = TEMPLATES): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...templateFiles(p));
    else out.push(relative(TEMPLATES, p));
  }
  return out;
}

/** The name of the scaffold's package: the folder name, made a valid npm name. */
function packageName(dir: string): string {
  const name = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '').slice(0, 214);
  return name || 'platform-fleet';
}

/** The `init` command. */
export const INIT_COMMAND: CommandSpec = {
  name: 'init',
  args: '[dir]',
  min: 0,
  max: 1,
  summary: 'Scaffolds a platform repository in dir (default: the current folder): a fleet, a reusable module with its test, the cdk8s and cdktf apps, CI workflows (synth + plan artifact; the plan diff as a pull-request comment) and .gitignore.',
  details: 'Then: npm install && npx cdk8s synth && npx jest. Existing files are never overwritten.',
  options: [
    { name: 'name', value: 'NAME', help: 'the package name (default: the folder name)' },
    { name: 'cdk-fleet', value: 'SPEC', help: 'the cdk-fleet dependency, e.g. a version range or a packed tarball (default: ^<this version>)' },
  ],
  run({ positional, flags }, io) {
    const dir = resolve(positional[0] ?? '.');
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`${dir} exists and is not a directory`);
    const files = templateFiles().map((f) => ({ from: join(TEMPLATES, f), to: f.split(/[\\/]/).map((part) => RENAMES[part] ?? part).join('/') }));
    const targets = ['package.json', CI_WORKFLOW_FILE, ...files.map((f) => f.to)];
    const clashes = targets.filter((t) => existsSync(join(dir, t)));
    if (clashes.length) throw new CliError(`${dir} already has ${clashes.join(', ')}; init never overwrites files: use an empty folder`);
    const name = flags.name ?? packageName(dir);
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new CliError(`--name ${JSON.stringify(name)} is not a valid npm package name (lower-case letters, digits, ".", "_" and "-")`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), packageJson(name, flags['cdk-fleet'] ?? `^${ownPackageJson().version}`));
    // the pull-request workflow: synthesizes base and head, keeps one comment with `cdk-fleet diff`
    mkdirSync(dirname(join(dir, CI_WORKFLOW_FILE)), { recursive: true });
    writeFileSync(join(dir, CI_WORKFLOW_FILE), ciWorkflow());
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.to)), { recursive: true });
      writeFileSync(join(dir, f.to), readFileSync(f.from));
    }
    io.out(`created ${targets.length} files in ${dir}:\n${targets.map((t) => `  ${t}`).join('\n')}\nnext: cd ${relative(process.cwd(), dir) || '.'} && npm install && npx cdk8s synth && npx jest\n`);
    return 0;
  },
};
