import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ciWorkflow, CI_WORKFLOW_FILE, COMMENT_MARKER, commentScript } from '../lib/cli/ci-workflow';

const ROOT = join(__dirname, '..');
const HAND = readFileSync(join(__dirname, 'plan', 'fixtures', 'hand-written.yaml'), 'utf8');

describe('the pull-request workflow', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cdk-fleet-ci-'));
  const repo = join(tmp, 'platform');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } }).trim();
  let base = '';
  let head = '';
  const workflow = parse(ciWorkflow());
  const steps: any[] = workflow.jobs['plan-diff'].steps;

  beforeAll(() => {
    // A tiny platform repo: the synthesized hub YAML is committed, so "synth" has nothing to do.
    mkdirSync(join(repo, 'dist'), { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'CI');
    writeFileSync(join(repo, 'dist', 'hub.yaml'), HAND);
    git('add', '.');
    git('commit', '-q', '-m', 'fleet');
    base = git('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'dist', 'hub.yaml'), HAND.replace('chartVersion: 1.16.1', 'chartVersion: 1.16.2'));
    git('commit', '-q', '-am', 'bump cilium');
    head = git('rev-parse', 'HEAD');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function runDiffStep(baseSha: string, name: string): { code: number; work: string; output: string; stdout: string } {
    const step = steps.find((s) => s.id === 'diff');
    const work = join(tmp, name);
    const output = join(tmp, `${name}.out`);
    writeFileSync(output, '');
    const r = spawnSync('bash', ['-c', step.run], {
      cwd: repo, encoding: 'utf8',
      env: { ...process.env, ...step.env, BASE_SHA: baseSha, CDK_FLEET: `${join(ROOT, 'node_modules', '.bin', 'tsx')} ${join(ROOT, 'scripts', 'cdk-fleet-dev.ts')}`, CDK_FLEET_INSTALL: 'true', CDK_FLEET_SYNTH: 'true', CDK_FLEET_WORK: work, GITHUB_OUTPUT: output },
    });
    return { code: r.status ?? -1, work, output: readFileSync(output, 'utf8'), stdout: r.stdout };
  }

  test('is a pull_request workflow that may write pull-request comments', () => {
    expect(CI_WORKFLOW_FILE).toBe('.github/workflows/cdk-fleet-plan.yml');
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
    expect(steps.map((s) => s.uses ?? s.name)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'Synthesize base and head, diff the fleet plans', 'actions/github-script@v7', 'actions/upload-artifact@v4', 'github/codeql-action/upload-sarif@v3', 'Fail when the plan could not be diffed']);
    expect(steps[0].with['fetch-depth']).toBe(0);
    // the upload step reads the file the diff step leaves in its work folder ($RUNNER_TEMP/cdk-fleet)
    expect(steps[2].run).toContain('work="${CDK_FLEET_WORK:-${RUNNER_TEMP:-/tmp}/cdk-fleet}"');
    expect(steps[2].run).toContain('"$work/fleet-plan.sarif"');
    expect(steps[5].with.sarif_file).toBe('${{ runner.temp }}/cdk-fleet/fleet-plan.sarif');
    expect(steps[2].env.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    expect(parse(ciWorkflow({ synth: 'npx cdk8s synth', dist: 'out' })).jobs['plan-diff'].steps[2].run).toContain('synth="${CDK_FLEET_SYNTH:-npx cdk8s synth}"\ndist="${CDK_FLEET_DIST:-out}"');
  });

  test('its diff step synthesizes base and head and writes the comment body with the marker', () => {
    const r = runDiffStep(base, 'changes');
    expect(r.code).toBe(0);
    expect(r.output).toBe('outcome=changes\n');
    const body = readFileSync(join(r.work, 'comment.md'), 'utf8');
    expect(body.split('\n').slice(0, 4)).toEqual([COMMENT_MARKER, '## Fleet plan diff', '', '**Plan: 0 to add, 3 to change, 0 to destroy.**']);
    expect(body).toContain('| **2 clusters**: east, west (production) | changed | — | ~ `ClusterProfile cni`: cilium/cilium 1.16.1 → 1.16.2 |');
    expect(readFileSync(join(r.work, 'fleet-plan.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // the head's findings, for the code-scanning upload step
    const sarif = JSON.parse(readFileSync(join(r.work, 'fleet-plan.sarif'), 'utf8'));
    expect(sarif).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'cdk-fleet' } } }] });
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(19);
    expect(Array.isArray(sarif.runs[0].results)).toBe(true);
    // the base worktree is gone again
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(git('rev-parse', 'HEAD')).toBe(head);
  });

  test('no change: the comment says so', () => {
    const r = runDiffStep(head, 'same');
    expect(r.output).toBe('outcome=no-changes\n');
    expect(readFileSync(join(r.work, 'comment.md'), 'utf8')).toBe(`${COMMENT_MARKER}\n## Fleet plan diff\n\n**No changes. The fleet plan is the same.**\n`);
  });

  test('fails visibly when the base has no synth output: an error comment and outcome error', () => {
    git('checkout', '-q', '--orphan', 'empty');
    git('rm', '-rq', '--cached', '.');
    writeFileSync(join(tmp, 'README'), 'x');
    git('commit', '-q', '--allow-empty', '-m', 'empty');
    const empty = git('rev-parse', 'HEAD');
    git('checkout', '-q', '-f', 'main');
    const r = runDiffStep(empty, 'error');
    expect(r.code).toBe(0);
    expect(r.output).toBe('outcome=error\n');
    expect(readFileSync(join(r.work, 'comment.md'), 'utf8')).toContain(`The base ${empty} has no dist/ folder to compare with:`);
  });

  test('its comment step creates ONE comment, then updates it in place', async () => {
    const r = runDiffStep(base, 'comment');
    const comments: { id: number; body: string }[] = [{ id: 1, body: 'LGTM' }];
    const calls: string[] = [];
    const github = {
      paginate: async (fn: (args: any) => Promise<{ data: any[] }>, args: any) => (await fn(args)).data,
      rest: {
        issues: {
          listComments: async ({ issue_number }: any) => { calls.push(`list ${issue_number}`); return { data: comments.map((c) => ({ ...c })) }; },
          createComment: async ({ issue_number, body }: any) => { calls.push(`create ${issue_number}`); comments.push({ id: comments.length + 1, body }); },
          updateComment: async ({ comment_id, body }: any) => { calls.push(`update ${comment_id}`); comments.find((c) => c.id === comment_id)!.body = body; },
        },
      },
    };
    const context = { repo: { owner: 'acme', repo: 'platform' }, payload: { pull_request: { number: 7 } } };
    const core = { warning: (m: string) => calls.push(`warning ${m}`) };
    const step = steps.find((s) => s.uses === 'actions/github-script@v7');
    expect(step.with.script).toBe(commentScript());
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
    const script = new AsyncFunction('github', 'context', 'core', 'require', step.with.script);
    const env = process.env.CDK_FLEET_WORK;
    process.env.CDK_FLEET_WORK = r.work;
    try {
      await script(github, context, core, require);
      expect(comments).toHaveLength(2);
      expect(comments[1].body).toBe(readFileSync(join(r.work, 'comment.md'), 'utf8'));
      // a new push: the same comment is updated, never a second one
      writeFileSync(join(r.work, 'comment.md'), `${COMMENT_MARKER}\n## Fleet plan diff\n\n**No changes. The fleet plan is the same.**\n`);
      await script(github, context, core, require);
      await script(github, context, core, require);
      expect(comments).toHaveLength(2);
      expect(comments[1].body).toMatch(/No changes/);
      expect(calls).toEqual(['list 7', 'create 7', 'list 7', 'update 2', 'list 7']);
      rmSync(join(r.work, 'comment.md'));
      await script(github, context, core, require);
      expect(calls.pop()).toBe('warning no fleet plan comment was written');
    } finally {
      if (env === undefined) delete process.env.CDK_FLEET_WORK; else process.env.CDK_FLEET_WORK = env;
    }
    expect(existsSync(join(r.work, 'fleet-plan.html'))).toBe(true);
  });
});
