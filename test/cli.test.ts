import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFleet } from '../examples/fleet';
import { main } from '../lib/cli/main';

function run(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe('cdk-fleet CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-cli-'));
  const dist = join(dir, 'dist');
  const hand = join(dir, 'hand');
  beforeAll(() => {
    buildFleet({ outdir: dist, printFindings: false }).app.synth();
    require('node:fs').mkdirSync(hand);
    writeFileSync(join(hand, 'hub.yaml'), `
apiVersion: cluster.open-cluster-management.io/v1
kind: ManagedCluster
metadata: { name: east, labels: { env: prod, cluster.open-cluster-management.io/clusterset: all } }
spec: { hubAcceptsClient: true }
---
apiVersion: cluster.open-cluster-management.io/v1
kind: ManagedCluster
metadata: { name: west, labels: { env: dev, cluster.open-cluster-management.io/clusterset: all } }
spec: { hubAcceptsClient: true }
---
apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSet
metadata: { name: all }
spec: { clusterSelector: { selectorType: ExclusiveClusterSetLabel } }
---
apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSetBinding
metadata: { name: all, namespace: apps }
spec: { clusterSet: all }
---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: { name: prod, namespace: apps }
spec: { predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { env: prod } } } }] }
`);
    writeFileSync(join(hand, 'broken.yaml.txt'), 'ignored');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('plan prints the placements, rollout waves and findings of the example output', () => {
    const r = run(['plan', dist]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/fleet-apps\/all-production: 4 selected — dc1-prod-1, dc1-prod-2, dc2-prod-1, dc2-prod-2/);
    expect(r.out).toMatch(/wave 1 all-production: mandatory group canary \(step 1\): dc1-prod-1, dc2-prod-1/);
    expect(r.out).toMatch(/Findings \(\d+\):/);
  });

  test('plan works on hand-written YAML, in every format', () => {
    const text = run(['plan', hand]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/apps\/prod: 1 selected — east/);
    const json = JSON.parse(run(['plan', hand, '--format', 'json']).out);
    expect(json.placements).toEqual([expect.objectContaining({ id: 'apps/prod', selected: ['east'] })]);
    expect(run(['plan', hand, '--format=markdown']).out).toMatch(/^# Fleet plan/);
    const sarif = JSON.parse(run(['plan', hand, '--format', 'sarif']).out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(19);
    const html = run(['plan', hand, '--format', 'html']).out;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<script type="application/json" id="plan-data">');
  });

  test('plan of the synthesized folder agrees with the fleet-plan.json written beside it', () => {
    const fromYaml = JSON.parse(run(['plan', dist, '--format', 'json']).out);
    const written = JSON.parse(require('node:fs').readFileSync(join(dist, 'fleet-plan.json'), 'utf8'));
    expect(fromYaml.placements).toEqual(written.placements);
    expect(fromYaml.workloads).toEqual(written.workloads);
    expect(fromYaml.clusters.map((c: any) => c.claims)).toEqual(written.clusters.map((c: any) => c.claims));
  });

  test('explain says why a cluster is or is not selected', () => {
    expect(run(['explain', 'west', hand, '--placement', 'apps/prod']).out).toBe('west is NOT selected by Placement apps/prod: label env=dev does not match env=prod\n');
    expect(run(['explain', 'east', hand]).out).toMatch(/east IS selected by Placement apps\/prod/);
    expect(run(['explain', 'dc1-edge-press', dist, '--placement', 'edge-ops/edge-only']).out).toMatch(/IS selected by Placement edge-ops\/edge-only/);
  });

  test('with an inventory of the real hub', () => {
    const inv = join(dir, 'managedclusters.yaml');
    writeFileSync(inv, 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: cluster.open-cluster-management.io/v1\n  kind: ManagedCluster\n  metadata: { name: east, labels: { env: prod, cluster.open-cluster-management.io/clusterset: all } }\n  spec: { hubAcceptsClient: true }\n  status: { conditions: [{ type: ManagedClusterConditionAvailable, status: "False" }] }\n');
    expect(run(['explain', 'east', hand, '--inventory', inv]).out).toMatch(/NOT selected by Placement apps\/prod: taint cluster.open-cluster-management.io\/unavailable:NoSelect not tolerated/);
  });

  test('unreadable or invalid input is one clear line and exit code 1', () => {
    const missing = run(['plan', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^cdk-fleet: .*nope: no such directory\n$/);
    const bad = join(dir, 'bad');
    require('node:fs').mkdirSync(bad);
    writeFileSync(join(bad, 'x.yaml'), 'kind: [unclosed');
    const r = run(['plan', bad]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.err).toMatch(/x.yaml: invalid YAML/);
    const empty = join(dir, 'empty');
    require('node:fs').mkdirSync(empty);
    writeFileSync(join(empty, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
    expect(run(['plan', empty]).err).toMatch(/holds no ManagedCluster, Placement/);
    expect(run(['explain', 'nobody', hand]).code).toBe(1);
    expect(run(['frobnicate']).err).toMatch(/unknown command "frobnicate"/);
    expect(run(['plan', hand, '--format', 'xml']).err).toMatch(/--format xml is unknown/);
    const typo = run(['plan', hand, '--fromat', 'json']);
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(/unknown option --fromat for plan; options: --format, --inventory, --now, --production, --fail-on/);
  });

  test('--help, -h and --version; help per command; extra arguments and empty values are errors', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = run([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^usage: cdk-fleet <command>/);
      expect(r.out).toMatch(/exit codes: 0 success; 1 usage or input error/);
    }
    const version = run(['--version']);
    expect(version.code).toBe(0);
    expect(version.out).toBe(`${require('../package.json').version}\n`);
    const planHelp = run(['plan', '--help']);
    expect(planHelp.code).toBe(0);
    expect(planHelp.out).toMatch(/^usage: cdk-fleet plan \[dir\] \[options\]/);
    expect(planHelp.out).toMatch(/--fail-on error\|warning\|never/);
    expect(run(['explain', '-h']).out).toMatch(/^usage: cdk-fleet explain <cluster> \[dir\]/);
    expect(run([]).code).toBe(1);
    const extra = run(['plan', hand, 'extra']);
    expect(extra.code).toBe(1);
    expect(extra.err).toMatch(/plan takes at most 1 argument \(\[dir\]\), got 2: ".*hand" "extra"/);
    expect(run(['plan', hand, '--format=']).err).toMatch(/--format needs a non-empty value/);
    expect(run(['plan', hand, '--format']).err).toMatch(/--format needs a value/);
    expect(run(['explain']).err).toMatch(/explain needs <cluster> \[dir\]/);
  });

  test('plan --production sets which clusters count as production for FLEET003', () => {
    const prodOnly = JSON.parse(run(['plan', hand, '--format', 'json']).out);
    expect(prodOnly.production).toEqual({ label: 'env', values: ['production', 'prod'] });
    expect(prodOnly.clusters.map((c: any) => [c.name, c.production])).toEqual([['east', true], ['west', false]]);
    const both = JSON.parse(run(['plan', hand, '--format', 'json', '--production', 'env=prod,dev']).out);
    expect(both.clusters.map((c: any) => c.production)).toEqual([true, true]);
    expect(run(['plan', hand, '--production', 'env']).err).toBe('cdk-fleet: --production env is not LABEL=VALUE[,VALUE...]; e.g. --production env=production,prod or --production tier=gold\n');
  });

  test('plan exits 3 when an open finding reaches --fail-on', () => {
    const bad = join(dir, 'misconfigured');
    require('node:fs').mkdirSync(bad);
    writeFileSync(join(bad, 'hub.yaml'), require('node:fs').readFileSync(join(hand, 'hub.yaml'), 'utf8') + `---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: { name: bad, namespace: apps }
spec: { tolerations: [{ operator: Equal, value: x }] }
`);
    expect(run(['plan', bad]).code).toBe(3);
    expect(run(['plan', bad, '--fail-on', 'never']).code).toBe(0);
    expect(run(['plan', hand, '--fail-on', 'warning']).code).toBe(0);
    expect(run(['plan', hand, '--fail-on', 'sometimes']).err).toMatch(/--fail-on sometimes is unknown; use error, warning, never/);
  });
});
