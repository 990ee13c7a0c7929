#!/usr/bin/env node
// End-to-end test of the package as platform repos install it (part of `npm test`):
//  1. `npm pack` the library (prepack builds build/);
//  2. a platform repo made from the cdk8s typescript-app template shipped in cdk8s-cli, its
//     settings unchanged (tsconfig: CommonJS, node10 resolution, lib es2016, strict; jest + ts-jest;
//     ts-node), with the app sources of test/e2e/fixture and every TypeScript snippet of the README:
//     install the tarball (YAML only, then with the Terraform packages), `tsc`, `cdk8s synth`, the
//     Terraform app with the library's defaults, jest, node16/bundler resolution, the CLI;
//  3. the `cdk-fleet init` scaffold: install, `tsc`, `cdk8s synth`, the Terraform app, jest.
// Prints one line per step, the measurements, then `N passed, N failed`. Needs the npm registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-e2e-'));
const keep = process.argv.includes('--keep');
let passed = 0;
let failed = 0;
const measures = [];

const env = { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
// a parent `npm test` sets npm_* variables (prefix, package paths) that must not leak into other projects
for (const k of Object.keys(env)) if (k.startsWith('npm_') && !k.startsWith('npm_config_')) delete env[k];
delete env.npm_config_prefix;
delete env.INIT_CWD;

/** Runs a command; returns { ok, out, seconds }. */
function sh(cwd, cmd, args, extraEnv = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { ok: r.status === 0, stdout: r.stdout ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, seconds };
}

/** One counted step: `check` gets the command result and returns an error message or undefined. */
function step(name, cwd, cmd, args, check = () => undefined, extraEnv = {}) {
  const r = sh(cwd, cmd, args, extraEnv);
  const problem = r.ok ? check(r) : `exit non-zero:\n${r.out.split('\n').slice(-40).join('\n')}`;
  if (problem) {
    failed++;
    console.log(`FAIL e2e ${name} (${r.seconds.toFixed(1)} s): ${problem}`);
  } else {
    passed++;
    console.log(`ok   e2e ${name} (${r.seconds.toFixed(1)} s)`);
  }
  return { ...r, ok: !problem };
}

function duMb(dir) {
  const out = execFileSync('du', ['-sk', dir], { encoding: 'utf8' });
  return Math.round(Number(out.split(/\s/)[0]) / 1024);
}

const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const need = (file, pattern, what) => (r) => {
  if (!existsSync(file)) return `${file} was not written`;
  const text = readFileSync(file, 'utf8');
  return pattern.test(text) ? undefined : `${what}: ${file} does not match ${pattern}`;
};

try {
  // 1. The tarball.
  const pack = step('npm pack', root, 'npm', ['pack', '--json', '--pack-destination', work]);
  if (!pack.ok) throw new Error('cannot pack');
  const info = JSON.parse(pack.stdout.slice(pack.stdout.lastIndexOf('\n[') + 1))[0];
  const tarball = join(work, info.filename);
  measures.push(`tarball: ${info.filename}, ${(info.size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024 / 1024).toFixed(1)} MB unpacked, ${info.entryCount} files`);
  const unwanted = info.files.map((f) => f.path).filter((p) => /^(test|bench|scripts|\.ci|lib|examples)\//.test(p) || (p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.startsWith('templates/')));
  if (unwanted.length) { failed++; console.log(`FAIL e2e tarball contents: ships ${unwanted.slice(0, 5).join(', ')}`); } else passed++;

  // 2. A platform repo from the unmodified cdk8s typescript-app template.
  const template = join(root, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');
  const repo = join(work, 'platform');
  mkdirSync(repo);
  const vars = {
    '$base': 'platform',
    cdk8s_core_version: version('cdk8s'),
    cdk8s_plus_version: version('cdk8s-plus-33'),
    constructs_version: JSON.parse(readFileSync(join(root, 'node_modules', 'cdk8s-cli', 'package.json'), 'utf8')).dependencies.constructs.replace('^', ''),
    cdk8s_cli_spec: `^${version('cdk8s-cli')}`,
  };
  for (const f of ['package.json', 'tsconfig.json', 'jest.config.js', 'cdk8s.yaml', '{{}}.gitignore']) {
    const text = readFileSync(join(template, f), 'utf8').replace(/\{\{ *([$\w]+) *\}\}/g, (_, k) => vars[k]);
    writeFileSync(join(repo, f.replace('{{}}', '')), text);
  }
  cpSync(join(root, 'test', 'e2e', 'fixture'), repo, { recursive: true });
  // the README's testing snippet tests the example's module: the same file, importing the package
  writeFileSync(join(repo, 'production-cluster.ts'), readFileSync(join(root, 'examples', 'modules', 'production-cluster.ts'), 'utf8').replace("from '../../lib'", "from 'cdk-fleet'"));
  // every TypeScript snippet of the README, type-checked by the repo's own tsc
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  snippets.forEach((code, i) => writeFileSync(join(repo, `readme-snippet-${i + 1}.ts`), `export {};\n${code}`));
  measures.push(`README TypeScript snippets type-checked: ${snippets.length}`);

  const yamlOnly = step('template repo: npm install (YAML only: template deps + tarball)', repo, 'npm', ['install', tarball]);
  if (yamlOnly.ok) measures.push(`install size, YAML-only platform repo (cdk8s template deps + cdk-fleet): ${duMb(join(repo, 'node_modules'))} MB node_modules (npm install ${yamlOnly.seconds.toFixed(0)} s)`);
  const tf = step('template repo: npm install cdktf and the providers', repo, 'npm', ['install', `cdktf@${version('cdktf')}`, `@cdktf/provider-kubernetes@${version('@cdktf/provider-kubernetes')}`, `@cdktf/provider-helm@${version('@cdktf/provider-helm')}`]);
  if (tf.ok) measures.push(`install size, with Terraform (cdktf + both providers): ${duMb(join(repo, 'node_modules'))} MB node_modules`);
  const tsc = step('template repo: tsc (the template\'s compile: tsc --build, lib es2016, strict, node10)', repo, 'npx', ['tsc', '--build']);
  measures.push(`tsc in the platform repo: ${tsc.seconds.toFixed(1)} s`);
  const synth = step('template repo: cdk8s synth (ts-node main.ts)', repo, 'npx', ['cdk8s', 'synth', '--no-check-upgrade'], (r) => need(join(repo, 'dist', 'hub.k8s.yaml'), /kind: ManifestWorkReplicaSet/, 'hub YAML')(r) ?? need(join(repo, 'dist', 'fleet-plan.md'), /# Fleet plan/, 'plan')(r) ?? (/fleet plan: 2 clusters/.test(r.out) ? undefined : `findings summary not on the terminal:\n${r.out}`));
  measures.push(`cdk8s synth of the example in the platform repo: ${synth.seconds.toFixed(1)} s`);
  step('template repo: Terraform app with the defaults (hub + spokes)', repo, 'npx', ['ts-node', 'terraform.ts'], (r) => need(join(repo, 'cdktf.out', 'stacks', 'hub', 'cdk.tf.json'), /"helm_release"/, 'hub stack')(r) ?? need(join(repo, 'cdktf.out', 'stacks', 'spoke-prod-1', 'cdk.tf.json'), /klusterlet/, 'spoke stack')(r));
  step('template repo: jest (first run writes the snapshot)', repo, 'npx', ['jest', '--ci=false'], (r) => (/Tests:\s+3 passed, 3 total/.test(r.out) ? undefined : r.out));
  step('template repo: jest --ci (snapshot stable)', repo, 'npx', ['jest', '--ci'], (r) => (/Snapshots:\s+1 passed/.test(r.out) ? undefined : r.out));
  for (const [mod, res] of [['node16', 'node16'], ['esnext', 'bundler']]) {
    step(`template repo: declarations under ${res} resolution`, repo, 'npx', ['tsc', '--noEmit', '--strict', '--module', mod, '--moduleResolution', res, '--lib', 'es2016', '--types', 'node', 'resolution.ts']);
  }
  step('template repo: the CLI is compiled JS run by node (--version, plan)', repo, 'npx', ['cdk-fleet', 'plan', 'dist'], (r) => (/all-production: 2 selected/.test(r.out) ? undefined : r.out));

  // 3. The `cdk-fleet init` scaffold, made by the installed CLI.
  const scaffold = join(work, 'scaffold');
  step('cdk-fleet init', repo, 'npx', ['cdk-fleet', 'init', scaffold, '--cdk-fleet', `file:${tarball}`], () => (existsSync(join(scaffold, '.github', 'workflows')) ? undefined : 'no workflow written'));
  const sInstall = step('scaffold: npm install', scaffold, 'npm', ['install']);
  if (sInstall.ok) measures.push(`install size, cdk-fleet init scaffold (with Terraform, cdk8s-cli, jest): ${duMb(join(scaffold, 'node_modules'))} MB node_modules (npm install ${sInstall.seconds.toFixed(0)} s)`);
  step('scaffold: tsc --noEmit', scaffold, 'npx', ['tsc', '--noEmit']);
  step('scaffold: npx cdk8s synth', scaffold, 'npx', ['cdk8s', 'synth', '--no-check-upgrade'], need(join(scaffold, 'dist', 'fleet-plan.md'), /# Fleet plan/, 'plan'));
  step('scaffold: Terraform app', scaffold, 'npx', ['ts-node', 'terraform.ts'], need(join(scaffold, 'cdktf.out', 'stacks', 'hub', 'cdk.tf.json'), /"helm_release"/, 'hub stack'));
  step('scaffold: npx jest', scaffold, 'npx', ['jest', '--ci=false'], (r) => (/Tests:\s+\d+ passed, \d+ total/.test(r.out) && !/failed/.test(r.out) ? undefined : r.out));
  step('scaffold: npx jest --ci', scaffold, 'npx', ['jest', '--ci']);
} catch (e) {
  failed++;
  console.log(`FAIL e2e: ${e.message}`);
} finally {
  for (const m of measures) console.log(`measure: ${m}`);
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}
