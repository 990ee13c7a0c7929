import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, Names, Yaml } from 'cdk8s';
import { FleetModel } from '../../lib/fleet/fleet-model';
import { buildFleet } from '../../examples/fleet';
import { FleetApp, Hub, LabelSelector } from '../../lib';
import { FailOn } from '../../lib/plan';

/** A fleet with one warning-level finding (a placement selecting nothing), and optionally an error-level one. */
function fleet(outdir: string, props: { failOn?: FailOn; withError?: boolean } = {}) {
  const app = new FleetApp({ outdir, failOn: props.failOn });
  const hub = new Hub(app, 'hub');
  const set = hub.addClusterSet('prod');
  hub.addCluster('prod-1', { labels: { env: 'prod' }, clusterSet: set });
  hub.bind(set, 'apps');
  hub.addPlacement('nothing', { namespace: 'apps', selector: LabelSelector.matchLabels({ env: 'nowhere' }) });
  if (props.withError) {
    // hand-written YAML inside the chart: a toleration OCM marks Misconfigured (FLEET008, error level)
    new ApiObject(hub, 'raw', { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'raw', namespace: 'apps' }, spec: { tolerations: [{ operator: 'Equal', value: 'x' }] } });
  }
  return app;
}

describe('FleetApp findings', () => {
  let dir: string;
  let stderr: string;
  const write = process.stderr.write.bind(process.stderr);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-app-'));
    stderr = '';
    process.stderr.write = ((s: string) => { stderr += s; return true; }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = write;
    rmSync(dir, { recursive: true, force: true });
  });

  test('findings go to stderr (cdk8s synth shows it), warnings do not fail synth', () => {
    fleet(dir).synth();
    expect(stderr).toMatch(/^warning: \[FLEET001 placement-selects-nothing\] Placement apps\/nothing: selects no declared cluster/m);
    expect(stderr).toMatch(/fleet plan: 1 clusters, 1 placements/);
    expect(existsSync(join(dir, 'hub.k8s.yaml'))).toBe(true);
  });

  test('fails synth on an error-level finding: plan written, hub YAML not', () => {
    expect(() => fleet(dir, { withError: true }).synth()).toThrow(/synth: validation failed with 1 problem \(the plan is in .*fleet-plan.md; the YAML was not written\):\n  hub\/raw: FLEET008 Placement apps\/raw: the scheduler would mark it Misconfigured .* Fix: fix the placement spec .*, or acknowledge it with acknowledge\(construct, 'FLEET008', reason\)/);
    expect(stderr).toMatch(/^error: \[FLEET008 placement-misconfigured\] Placement apps\/raw/m);
    expect(existsSync(join(dir, 'hub.k8s.yaml'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'fleet-plan.json'), 'utf8')).findings.map((f: any) => f.id)).toEqual(['FLEET001', 'FLEET008']);
  });

  test('failOn is configurable: NEVER lets errors through, WARNING fails on warnings too', () => {
    expect(() => fleet(dir, { withError: true, failOn: FailOn.NEVER }).synth()).not.toThrow();
    expect(existsSync(join(dir, 'hub.k8s.yaml'))).toBe(true);
    const other = mkdtempSync(join(tmpdir(), 'cdk-fleet-app-'));
    try {
      expect(() => fleet(other, { failOn: FailOn.WARNING }).synth()).toThrow(/validation failed with 1 problem .*:\n  hub\/Placement\(apps,nothing\): FLEET001 Placement apps\/nothing: selects no declared cluster/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('fails on props of the wrong type', () => {
    expect(() => new FleetApp({ outdir: dir, failOn: 'errors' as any })).toThrow(/FleetApp: failOn must be one of FailOn.ERROR, FailOn.WARNING, FailOn.NEVER \("error", "warning", "never"\), got string "errors"/);
    expect(() => new FleetApp({ outdir: dir, plan: 'false' as any })).toThrow(/FleetApp: plan must be true or false, got string "false"/);
  });
});

describe('FleetApp YAML', () => {
  test('the example fleet is written byte for byte as cdk8s Yaml.stringify writes its objects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-app-'));
    try {
      const { app } = buildFleet({ outdir: dir, printFindings: false });
      app.synth();
      expect(app.charts.length).toBeGreaterThan(0);
      for (const chart of app.charts) {
        const written = readFileSync(join(dir, `${Names.toDnsLabel(chart)}${app.outputFileExtension}`), 'utf8');
        expect(written).toBe(Yaml.stringify(...chart.toJson()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('FleetModel', () => {
  test('renders the charts in the order cdk8s synthesizes them (App.charts), integer-like ids first', () => {
    const app = new App({ outdir: 'unused' });
    for (const id of ['b', '10', 'a', '2', 'hub-0']) new ApiObject(new Chart(app, id), 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${id}` } });
    const model = FleetModel.build(app, { cache: false });
    expect([...model.objectsByChart.keys()].map((c) => c.node.id)).toEqual(app.charts.map((c) => c.node.id));
    expect([...model.objectsByChart.keys()].map((c) => c.node.id)).toEqual(['2', '10', 'b', 'a', 'hub-0']);
  });
});
