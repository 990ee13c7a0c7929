// One intent, several engines: the same FleetWorkload props rendered for OCM, Karmada and KubeFleet
// land on the same clusters in the same order (lib/fleet/fleet-workload.ts, karmada-control-plane.ts,
// kubefleet-hub.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdk8s';
import {
  FleetApp, FleetWorkload, FleetWorkloadProps, Hub, KarmadaControlPlane, KubeFleetHub, LabelSelector, PercentOrAbsolute,
  WorkloadEngine, WorkloadRollout, karmada, kubefleet, ocm,
} from '../../lib';
import { PlanAnnotations } from '../../lib/plan/format';
import { buildFleetPlan } from '../../lib/plan/fleet-plan';
import { readObjects } from '../../lib/plan/io';
import type { FleetPlan, WorkloadPlan } from '../../lib/plan/types';
import { CONTROL_PLANE_ANNOTATION, WARNING_ANNOTATION } from '../../lib/fleet/_engines';
import { validateObjects } from '../support/crd-schema';

const EDGE = 'example.com/edge';

/** Six clusters: four production (two canaries), one dev, one tainted edge cluster. */
function fleet() {
  const app = new FleetApp({ outdir: 'unused', printFindings: false });
  const hub = new Hub(app, 'hub');
  const karmadaPlane = new KarmadaControlPlane(app, 'karmada', { hub, regionLabel: 'region' });
  const kubeFleetHub = new KubeFleetHub(app, 'kubefleet', { hub });
  hub.bind(ocm.ManagedClusterSet.GLOBAL, 'apps');
  for (const [name, labels] of Object.entries<Record<string, string>>({
    'eu-1': { env: 'prod', region: 'eu', canary: 'true' },
    'eu-2': { env: 'prod', region: 'eu' },
    'us-1': { env: 'prod', region: 'us', canary: 'true' },
    'us-2': { env: 'prod', region: 'us' },
    'dev-1': { env: 'dev', region: 'eu' },
  })) hub.addCluster(name, { labels });
  hub.addCluster('edge-1', { labels: { env: 'prod', region: 'eu' }, taints: [{ key: EDGE, effect: ocm.TaintEffect.NO_SELECT }] });
  return { app, hub, karmadaPlane, kubeFleetHub };
}

const OBJECTS = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'web' }, spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'web' }, data: { greeting: 'hello' } },
];
/** The intent: the web app, to production, canaries first. */
const INTENT: Omit<FleetWorkloadProps, 'engine'> = {
  objects: OBJECTS,
  clusters: LabelSelector.matchLabels({ env: 'prod' }),
  rollout: WorkloadRollout.canaryFirst({ canary: LabelSelector.matchLabels({ canary: 'true' }) }),
};

const order = (w: WorkloadPlan) => w.waves.map((x) => [...x.clusters]);

describe('one intent rendered for OCM, Karmada and KubeFleet', () => {
  const { app, hub, karmadaPlane, kubeFleetHub } = fleet();
  const onOcm = new FleetWorkload(app, 'web-ocm', { ...INTENT, engine: WorkloadEngine.ocm(hub, { namespace: 'apps' }) });
  const onKarmada = new FleetWorkload(app, 'web-karmada', { ...INTENT, engine: WorkloadEngine.karmada(karmadaPlane, { acceptAllAtOnce: true }) });
  const onKubeFleet = new FleetWorkload(app, 'web-kubefleet', { ...INTENT, engine: WorkloadEngine.kubeFleet(kubeFleetHub) });
  const objects = app.charts.flatMap((c) => c.toJson());
  const plan = buildFleetPlan({ objects, karmadaClusters: karmadaPlane.members.map((m) => m.toPlanObject()) }).plan;
  const workload = (id: string) => plan.workloads.find((w) => w.id === id)!;

  test('every emitted object validates against its CRD (each chart is applied to its own control plane)', () => {
    for (const chart of app.charts) expect([chart.node.id, validateObjects(chart.toJson())]).toEqual([chart.node.id, []]);
  });

  test('each engine lands it on the same production clusters, canaries first (Karmada: all at once, as it warns)', () => {
    const prod = ['eu-1', 'eu-2', 'us-1', 'us-2'];
    expect(workload('ManifestWorkReplicaSet apps/web-ocm').targets).toEqual(prod);
    expect(order(workload('ManifestWorkReplicaSet apps/web-ocm'))).toEqual([['eu-1', 'us-1'], ['eu-2', 'us-2']]);
    expect(workload('ClusterResourcePlacement web-kubefleet').targets).toEqual(prod);
    expect(order(workload('ClusterResourcePlacement web-kubefleet'))).toEqual([['eu-1', 'us-1'], ['eu-2', 'us-2']]);
    expect(workload('ClusterResourcePlacement web-kubefleet').waves.map((w) => w.label)).toEqual(['stage canary (2 at a time)', 'stage rest (2 at a time)']);
    for (const id of ['Deployment web/web', 'ConfigMap web/web-config', 'Namespace web']) {
      expect(workload(id)).toMatchObject({ engine: 'karmada', targets: prod });
      expect(order(workload(id))).toEqual([prod]);
    }
    expect(plan.warnings).toContainEqual({ subject: 'PropagationPolicy web/web-karmada', message: 'the workload\'s rollout (canary first (canary=true), then all at once) is rendered all at once: Karmada has no rollout strategy (a propagation policy propagates to every selected cluster at once)' });
  });

  test('replicas: every cluster runs the Deployment as written (Duplicated in Karmada)', () => {
    expect(workload('Deployment web/web').replicas).toEqual({ 'eu-1': 6, 'eu-2': 6, 'us-1': 6, 'us-2': 6 });
  });

  test('the other clusters say why not, in each engine\'s words', () => {
    const edge = plan.clusters.find((c) => c.name === 'edge-1')!;
    expect(edge.engines).toEqual(['karmada', 'kubefleet']);
    expect(edge.notSelectedBy.find((n) => n.subject === 'Placement apps/web-ocm')!.reason).toMatch(new RegExp(`taint ${EDGE}`));
    expect(edge.notPlacedBy).toEqual(expect.arrayContaining([
      { subject: 'Deployment web/web', reason: `had untolerated taint {${EDGE}:NoSchedule}` },
      { subject: 'ClusterResourcePlacement web-kubefleet', reason: `taint {Key:${EDGE} Value: Effect:NoSchedule} cannot be tolerated` },
    ]));
    const dev = plan.clusters.find((c) => c.name === 'dev-1')!;
    expect(dev.notPlacedBy!.find((n) => n.subject === 'Deployment web/web')!.reason).toBe('clusterAffinity.labelSelector: label env=dev does not match env=prod');
  });

  test('what each engine emits: a Placement with a canary group and a progressive MWRS; policies and templates; a placement, stages and a run', () => {
    expect(onOcm.placement!.apiObject.toJson().spec.decisionStrategy).toEqual({ groupStrategy: { decisionGroups: [{ groupName: 'canary', groupClusterSelector: { labelSelector: { matchLabels: { canary: 'true' } } } }] } });
    expect(onOcm.manifestWorkReplicaSet!.apiObject.toJson().spec.placementRefs[0].rolloutStrategy).toEqual({ type: 'Progressive', progressive: { mandatoryDecisionGroups: [{ groupName: 'canary' }] } });
    expect(onKarmada.propagationPolicies.map((p) => `${p.namespace ?? ''}/${p.name}`)).toEqual(['web/web-karmada', '/web-karmada']);
    const ns = Testing.synth(karmadaPlane).find((o) => o.kind === 'Namespace');
    expect(ns.metadata.labels).toEqual({ 'namespace.karmada.io/skip-auto-propagation': 'true' });
    expect(onKubeFleet.stagedUpdateStrategy!.stages.map((s) => [s.name, s.labelSelector.toJson()])).toEqual([
      ['canary', { matchLabels: { canary: 'true' } }],
      ['rest', { matchExpressions: [{ key: 'canary', operator: 'NotIn', values: ['true'] }] }],
    ]);
    expect(onKubeFleet.stagedUpdateRun!.name).toMatch(/^web-kubefleet-[0-9a-f]{8}$/);
    expect(onKubeFleet.objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['Namespace web', 'Deployment web', 'ConfigMap web-config']);
  });

  test('every object of the engine charts says which control plane it is for', () => {
    for (const chart of [karmadaPlane, kubeFleetHub]) {
      for (const o of Testing.synth(chart)) expect([o.kind, o.metadata.annotations?.[PlanAnnotations.CONTROL_PLANE]]).toEqual([o.kind, chart === karmadaPlane ? 'karmada' : 'kubefleet']);
    }
    // the constructs cannot import the plan: the strings must agree
    expect(CONTROL_PLANE_ANNOTATION).toBe(PlanAnnotations.CONTROL_PLANE);
    expect(WARNING_ANNOTATION).toBe(PlanAnnotations.WARNING);
  });
});

describe('the fleet\'s clusters as engine members', () => {
  test('Karmada members are modelled with region and taints, with their registration commands; MemberClusters are emitted', () => {
    const { karmadaPlane, kubeFleetHub } = fleet();
    expect(karmadaPlane.members.map((m) => m.toPlanObject())).toContainEqual({
      apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster',
      metadata: { name: 'edge-1', labels: { env: 'prod', region: 'eu' } },
      spec: { syncMode: 'Push', region: 'eu', taints: [{ key: EDGE, effect: 'NoSchedule' }] },
    });
    expect(karmadaPlane.registrationCommands().slice(0, 3)).toEqual([
      'karmadactl join dev-1 --cluster-kubeconfig=<member-kubeconfig> --cluster-region=eu',
      'karmadactl label clusters dev-1 --overwrite env=dev region=eu',
      'karmadactl join edge-1 --cluster-kubeconfig=<member-kubeconfig> --cluster-region=eu',
    ]);
    const members = Testing.synth(kubeFleetHub).filter((o) => o.kind === 'MemberCluster');
    expect(members.map((m) => m.metadata.name)).toEqual(['dev-1', 'edge-1', 'eu-1', 'eu-2', 'us-1', 'us-2']);
    expect(members[1].spec).toEqual({ identity: { kind: 'ServiceAccount', name: 'fleet-member-agent-edge-1', namespace: 'fleet-system' }, taints: [{ key: EDGE, effect: 'NoSchedule' }] });
    expect(validateObjects(members)).toEqual([]);
  });

  test('clusters declared after the control planes and workloads are members too', () => {
    const app = new FleetApp({ outdir: 'unused', printFindings: false });
    const hub = new Hub(app, 'hub');
    const kubeFleetHub = new KubeFleetHub(app, 'kubefleet', { hub, members: LabelSelector.matchLabels({ env: 'prod' }) });
    new FleetWorkload(app, 'web', { ...INTENT, engine: WorkloadEngine.kubeFleet(kubeFleetHub) });
    hub.addCluster('late', { labels: { env: 'prod' } });
    hub.addCluster('skipped', { labels: { env: 'dev' } });
    expect(kubeFleetHub.members.map((m) => m.name)).toEqual(['late']);
  });

  test('fails for a fleet cluster whose name is too long for a member, naming the way out', () => {
    const app = new FleetApp({ outdir: 'unused', printFindings: false });
    const hub = new Hub(app, 'hub');
    const plane = new KarmadaControlPlane(app, 'karmada', { hub });
    hub.addCluster('a'.repeat(49));
    expect(() => plane.members).toThrow(/KarmadaControlPlane "karmada": cluster a{49} cannot be a Karmada member: its name is 49 characters and Karmada allows 48 .*leave it out with the members selector, or rename it/);
  });

  test('synth records the Karmada members in the YAML, so cdk-fleet plan on it agrees with fleet-plan.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-workload-'));
    try {
      const app = new FleetApp({ outdir: dir, printFindings: false, reports: false });
      const hub = new Hub(app, 'hub');
      const plane = new KarmadaControlPlane(app, 'karmada', { hub, regionLabel: 'region' });
      hub.addCluster('eu-1', { labels: { env: 'prod', region: 'eu' } });
      hub.addCluster('us-1', { labels: { env: 'prod', region: 'us' } });
      new FleetWorkload(app, 'web', {
        objects: OBJECTS,
        engine: WorkloadEngine.karmada(plane, { replicaScheduling: karmada.ReplicaScheduling.divided({ targetCluster: { fieldSelector: [karmada.FieldSelectorRequirement.in(karmada.ClusterField.REGION, 'eu')] }, weight: 2 }, { targetCluster: { fieldSelector: [karmada.FieldSelectorRequirement.in(karmada.ClusterField.REGION, 'us')] }, weight: 1 }) }),
      });
      app.synth();
      const written: FleetPlan = JSON.parse(readFileSync(join(dir, 'fleet-plan.json'), 'utf8'));
      const hubYaml = readFileSync(join(dir, 'hub.k8s.yaml'), 'utf8');
      expect(hubYaml).toContain(PlanAnnotations.KARMADA_MEMBERS);
      const fromYaml = buildFleetPlan({ objects: readObjects(dir) }).plan;
      expect(fromYaml.workloads).toEqual(written.workloads);
      expect(fromYaml.clusters).toEqual(written.clusters);
      expect(written.workloads.find((w) => w.id === 'Deployment web/web')!.replicas).toEqual({ 'eu-1': 4, 'us-1': 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rollouts each engine renders', () => {
  test('progressive: OCM alphabetical batches; KubeFleet one stage of that concurrency, in name order', () => {
    const { app, hub, kubeFleetHub } = fleet();
    const rollout = WorkloadRollout.progressive({ maxConcurrency: PercentOrAbsolute.count(3) });
    new FleetWorkload(app, 'a', { objects: OBJECTS, clusters: INTENT.clusters, rollout, engine: WorkloadEngine.ocm(hub, { namespace: 'apps' }) });
    new FleetWorkload(app, 'b', { objects: OBJECTS, clusters: INTENT.clusters, rollout, engine: WorkloadEngine.kubeFleet(kubeFleetHub) });
    const plan = buildFleetPlan({ objects: app.charts.flatMap((c) => c.toJson()) }).plan;
    const ocmPlan = plan.workloads.find((w) => w.id === 'ManifestWorkReplicaSet apps/a')!;
    const fleetPlan = plan.workloads.find((w) => w.id === 'ClusterResourcePlacement b')!;
    expect(order(ocmPlan).flat()).toEqual(order(fleetPlan).flat());
    expect(order(ocmPlan)).toEqual([['eu-1', 'eu-2', 'us-1'], ['us-2']]);
    expect(fleetPlan.waves).toEqual([{ wave: 1, label: 'stage all (3 at a time)', clusters: ['eu-1', 'eu-2', 'us-1', 'us-2'], firstStep: 1, lastStep: 1, maxConcurrency: 3 }]);
    // The MWRS moves past its first batch only on Progressing=False: every Deployment reports it.
    expect(ocmPlan.waves.map((w) => w.blocked)).toEqual([undefined, undefined]);
    expect(plan.findings.filter((f) => f.id === 'FLEET010')).toEqual([]);
  });

  test('a staged OCM rollout declares the Progressing rules its ManifestWorkReplicaSet waits for', () => {
    const { app, hub } = fleet();
    const rollout = WorkloadRollout.progressive({ maxConcurrency: PercentOrAbsolute.count(1) });
    const withDeployment = new FleetWorkload(app, 'a', { objects: OBJECTS, clusters: INTENT.clusters, rollout, engine: WorkloadEngine.ocm(hub, { namespace: 'apps' }) });
    const configOnly = new FleetWorkload(app, 'b', { objects: [OBJECTS[1]], clusters: INTENT.clusters, rollout, engine: WorkloadEngine.ocm(hub, { namespace: 'apps' }) });
    const allAtOnce = new FleetWorkload(app, 'c', { objects: OBJECTS, clusters: INTENT.clusters, engine: WorkloadEngine.ocm(hub, { namespace: 'apps' }) });
    const configs = (w: FleetWorkload) => w.manifestWorkReplicaSet!.apiObject.toJson().spec.manifestWorkTemplate.manifestConfigs;
    expect(configs(withDeployment)).toEqual([{ resourceIdentifier: { group: 'apps', resource: 'deployments', name: 'web', namespace: 'web' }, conditionRules: [expect.objectContaining({ condition: 'Progressing', type: 'CEL' })] }]);
    expect(configs(configOnly)).toEqual([{ resourceIdentifier: { group: '', resource: 'namespaces', name: 'web' }, conditionRules: [{ condition: 'Progressing', type: 'CEL', celExpressions: ['false'], message: 'Applied; nothing rolls out' }] }]);
    expect(configs(allAtOnce)).toBeUndefined();
    const plan = buildFleetPlan({ objects: app.charts.flatMap((c) => c.toJson()) }).plan;
    expect(plan.findings.filter((f) => f.id === 'FLEET010')).toEqual([]);
    expect(plan.workloads.find((w) => w.id === 'ManifestWorkReplicaSet apps/b')!.waves.map((w) => w.clusters.length)).toEqual([1, 1, 1, 1]);
  });

  test('all at once: OCM All; KubeFleet a rolling update with maxUnavailable 100%; Karmada a policy', () => {
    const { app, hub, karmadaPlane, kubeFleetHub } = fleet();
    const props = { objects: OBJECTS, clusters: LabelSelector.matchLabels({ env: 'dev' }) };
    new FleetWorkload(app, 'a', { ...props, engine: WorkloadEngine.ocm(hub, { namespace: 'apps' }) });
    new FleetWorkload(app, 'b', { ...props, engine: WorkloadEngine.kubeFleet(kubeFleetHub) });
    new FleetWorkload(app, 'c', { ...props, engine: WorkloadEngine.karmada(karmadaPlane) });
    const plan = buildFleetPlan({ objects: app.charts.flatMap((c) => c.toJson()), karmadaClusters: karmadaPlane.members.map((m) => m.toPlanObject()) }).plan;
    const waves = (id: string) => plan.workloads.find((w) => w.id === id)!.waves.map((w) => `${w.label}: ${w.clusters.join(', ')}`);
    expect(waves('ManifestWorkReplicaSet apps/a')).toEqual(['a: all: dev-1']);
    expect(waves('ClusterResourcePlacement b')).toEqual(['rolling update (maxUnavailable 100%): dev-1']);
    expect(waves('Deployment web/web')).toEqual(['all at once: dev-1']);
    expect(plan.warnings).toEqual([]);
  });

  test('tolerated taints reach the tainted cluster on every engine', () => {
    const { app, hub, karmadaPlane, kubeFleetHub } = fleet();
    const props = { objects: OBJECTS, clusters: LabelSelector.matchLabels({ env: 'prod', region: 'eu' }), tolerateTaints: [EDGE] };
    new FleetWorkload(app, 'a', { ...props, engine: WorkloadEngine.ocm(hub, { namespace: 'apps' }) });
    new FleetWorkload(app, 'b', { ...props, engine: WorkloadEngine.kubeFleet(kubeFleetHub) });
    new FleetWorkload(app, 'c', { ...props, engine: WorkloadEngine.karmada(karmadaPlane) });
    for (const chart of app.charts) expect(validateObjects(chart.toJson())).toEqual([]);
    const objects = app.charts.flatMap((c) => c.toJson());
    const plan = buildFleetPlan({ objects, karmadaClusters: karmadaPlane.members.map((m) => m.toPlanObject()) }).plan;
    for (const id of ['ManifestWorkReplicaSet apps/a', 'ClusterResourcePlacement b', 'Deployment web/web']) {
      expect([id, plan.workloads.find((w) => w.id === id)!.targets]).toEqual([id, ['edge-1', 'eu-1', 'eu-2']]);
    }
  });

  test('a percentage KubeFleet rounds otherwise than OCM is rendered with a warning the plan shows', () => {
    const { app, kubeFleetHub } = fleet();
    new FleetWorkload(app, 'web', { objects: OBJECTS, rollout: WorkloadRollout.progressive({ maxConcurrency: PercentOrAbsolute.percent(30) }), engine: WorkloadEngine.kubeFleet(kubeFleetHub) });
    const plan = buildFleetPlan({ objects: app.charts.flatMap((c) => c.toJson()) }).plan;
    expect(plan.warnings.map((w) => `${w.subject}: ${w.message}`)).toEqual(['ClusterStagedUpdateStrategy web: maxConcurrency 30% is a percentage of the stage\'s clusters, which KubeFleet rounds down (at least 1) where OCM rounds up: batches may be one cluster smaller than with OCM']);
  });

  test('fails for a rollout Karmada cannot express, unless acceptAllAtOnce', () => {
    const { app, karmadaPlane } = fleet();
    expect(() => new FleetWorkload(app, 'web', { ...INTENT, engine: WorkloadEngine.karmada(karmadaPlane) })).toThrow(
      'FleetWorkload "web": rollout canary first (canary=true), then all at once cannot be placed by Karmada: a propagation policy propagates to every selected cluster at once (Karmada has no rollout strategy). Use WorkloadRollout.allAtOnce(), place it with WorkloadEngine.kubeFleet(...) or WorkloadEngine.ocm(...), or pass acceptAllAtOnce: true to WorkloadEngine.karmada() to render it all at once');
  });

  test('fails for a canary selector of several requirements on KubeFleet (its complement is no one selector)', () => {
    const { app, kubeFleetHub } = fleet();
    expect(() => new FleetWorkload(app, 'web', {
      objects: OBJECTS,
      rollout: WorkloadRollout.canaryFirst({ canary: LabelSelector.matchLabels({ canary: 'true', region: 'eu' }) }),
      engine: WorkloadEngine.kubeFleet(kubeFleetHub),
    })).toThrow(/FleetWorkload "web": canary selector \(canary=true, region=eu\) has 2 requirements; KubeFleet stages select the clusters after the canaries with one label selector/);
  });

  test('fails when two workloads deliver one namespace through the same engine', () => {
    const { app, kubeFleetHub } = fleet();
    new FleetWorkload(app, 'a', { objects: OBJECTS, engine: WorkloadEngine.kubeFleet(kubeFleetHub) });
    expect(() => new FleetWorkload(app, 'b', { objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'web' } }], engine: WorkloadEngine.kubeFleet(kubeFleetHub) }))
      .toThrow(/FleetWorkload "b": delivers namespace web through KubeFleet, which FleetWorkload "a" already does; two ClusterResourcePlacements of one namespace conflict on every member they share/);
  });

  test('fails for bad input: no engine, no objects, a namespaced kind without namespace, a bad taint key', () => {
    const { app, kubeFleetHub } = fleet();
    const engine = WorkloadEngine.kubeFleet(kubeFleetHub);
    expect(() => new FleetWorkload(app, 'a', { objects: OBJECTS } as any)).toThrow(/FleetWorkload "a": needs an engine, got undefined; use WorkloadEngine.ocm/);
    expect(() => new FleetWorkload(app, 'b', { objects: [], engine })).toThrow('FleetWorkload "b": has no objects to deliver; give at least one in objects');
    expect(() => new FleetWorkload(app, 'c', { objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }], engine })).toThrow(/Deployment x has no metadata.namespace/);
    expect(() => new FleetWorkload(app, 'd', { objects: OBJECTS, engine, tolerateTaints: ['bad key'] })).toThrow(/tolerateTaints key "bad key" is not a taint key/);
    expect(() => WorkloadRollout.canaryFirst({ canary: LabelSelector.all() })).toThrow(/needs a canary selector that matches some clusters only/);
    expect(() => new KarmadaControlPlane(app, 'k', { hub: 'hub' as any })).toThrow(/KarmadaControlPlane "k": needs the fleet's hub, got string "hub"/);
  });

  test('the run of a staged rollout is named after what it rolls out: new content, new run', () => {
    const run = (replicas: number) => {
      const { app, kubeFleetHub } = fleet();
      const objects = [{ ...OBJECTS[0], spec: { ...OBJECTS[0].spec, replicas } }];
      return new FleetWorkload(app, 'web', { objects, rollout: INTENT.rollout, engine: WorkloadEngine.kubeFleet(kubeFleetHub, { runState: kubefleet.UpdateRunState.INITIALIZE }) }).stagedUpdateRun!;
    };
    expect(run(2).name).toBe(run(2).name);
    expect(run(2).name).not.toBe(run(3).name);
    expect(run(2).apiObject.toJson().spec.state).toBe('Initialize');
  });
});
