import { Testing } from 'cdk8s';
import { KubeConfigMap, KubeDeployment } from 'cdk8s-plus-30/lib/imports/k8s';
import { LabelSelector, PercentOrAbsolute } from '../../lib/core';
import { ManifestChart } from '../../lib/ocm';
import {
  ClusterProfile, ClusterRef, ClusterSet, DeploymentType, HealthFeature, HelmChart, KustomizationRef, PolicyRef,
  Profile, SourceKind, StopMatchingBehavior, SveltosCluster, SyncMode,
} from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const prod = LabelSelector.matchLabels({ env: 'production' });

function chart() {
  return Testing.chart();
}

describe('sveltos.ClusterProfile', () => {
  test('renders every spec field Sveltos reads, with explicit metadata.name', () => {
    const c = chart();
    const set = new ClusterSet(c, 'failover', { clusterSelector: prod, maxReplicas: 1 });
    const cni = new ClusterProfile(c, 'cni', { clusterSelector: prod });
    const cp = new ClusterProfile(c, 'Monitoring', {
      name: 'monitoring',
      clusterSelector: prod,
      clusterRefs: [ClusterRef.sveltosCluster('fleet', 'edge-1'), ClusterRef.capiCluster('capi', 'c1')],
      setRefs: [set],
      syncMode: SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION,
      tier: 50,
      continueOnConflict: true,
      continueOnError: true,
      dependsOn: [cni],
      maxUpdate: PercentOrAbsolute.percent(25),
      stopMatchingBehavior: StopMatchingBehavior.LEAVE_POLICIES,
      driftExclusions: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment', namespace: 'monitoring' } }],
      validateHealths: [{ name: 'prometheus-up', featureId: HealthFeature.HELM, group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'monitoring', script: 'function evaluate() return {healthy = true} end' }],
      templateResourceRefs: [{ identifier: 'Settings', apiVersion: 'v1', kind: 'ConfigMap', name: '{{ .Cluster.metadata.name }}-settings', namespace: 'projectsveltos' }],
      patches: [{ patch: 'metadata:\n  labels:\n    team: platform\n', target: { kind: 'Deployment' } }],
      reloader: true,
      policyRefs: [PolicyRef.configMap('dashboards', { namespace: 'projectsveltos', tier: 90 }), PolicyRef.fluxSource(SourceKind.GIT_REPOSITORY, 'flux-system', { namespace: 'flux-system', path: 'alerts', deploymentType: DeploymentType.REMOTE })],
      kustomizationRefs: [KustomizationRef.fromSource(SourceKind.GIT_REPOSITORY, 'flux-system', { namespace: 'flux-system', path: './overlays/prod', targetNamespace: 'monitoring', values: { region: '{{ index .Cluster.metadata.labels "region" }}' } })],
      helmCharts: [HelmChart.fromRepository({ repositoryUrl: 'https://prometheus-community.github.io/helm-charts', repositoryName: 'prometheus-community', chartName: 'prometheus-community/kube-prometheus-stack', version: '61.3.2', releaseName: 'kps', releaseNamespace: 'monitoring' })],
    });
    const objs = Testing.synth(c);
    const obj = objs.find((o) => o.metadata.name === 'monitoring');
    expect(obj.apiVersion).toBe('config.projectsveltos.io/v1beta1');
    expect(obj.metadata).toEqual({ name: 'monitoring' });
    expect(obj.spec).toMatchObject({
      clusterSelector: { matchLabels: { env: 'production' } },
      clusterRefs: [
        { apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', namespace: 'fleet', name: 'edge-1' },
        { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', namespace: 'capi', name: 'c1' },
      ],
      setRefs: ['failover'],
      syncMode: 'ContinuousWithDriftDetection',
      tier: 50,
      continueOnConflict: true,
      continueOnError: true,
      dependsOn: ['cni'],
      maxUpdate: '25%',
      stopMatchingBehavior: 'LeavePolicies',
      reloader: true,
      driftExclusions: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment', namespace: 'monitoring' } }],
      validateHealths: [{ name: 'prometheus-up', featureID: 'Helm', group: 'apps', version: 'v1', kind: 'Deployment' }],
      templateResourceRefs: [{ identifier: 'Settings', resource: { apiVersion: 'v1', kind: 'ConfigMap', name: '{{ .Cluster.metadata.name }}-settings' } }],
      patches: [{ target: { kind: 'Deployment' } }],
      policyRefs: [
        { kind: 'ConfigMap', name: 'dashboards', namespace: 'projectsveltos', tier: 90 },
        { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system', path: 'alerts', deploymentType: 'Remote' },
      ],
      kustomizationRefs: [{ kind: 'GitRepository', path: './overlays/prod', targetNamespace: 'monitoring', values: { region: '{{ index .Cluster.metadata.labels "region" }}' } }],
      helmCharts: [{ chartVersion: '61.3.2', releaseName: 'kps' }],
    });
    expect(cp.reachedClusters().map((r) => `${r.namespace}/${r.name} (${r.via})`)).toEqual(['capi/c1 (clusterRefs)', 'fleet/edge-1 (clusterRefs)']);
    expect(validateObjects(objs)).toEqual([]);
  });

  test('omits what is not set and renders maxUpdate counts as numbers', () => {
    const c = chart();
    new ClusterProfile(c, 'a', { clusterSelector: prod, maxUpdate: PercentOrAbsolute.count(2) });
    const spec = Testing.synth(c)[0].spec;
    expect(spec).toEqual({ clusterSelector: { matchLabels: { env: 'production' } }, syncMode: 'Continuous', maxUpdate: 2 });
  });

  test('later add calls are honoured (lazy spec)', () => {
    const c = chart();
    const cp = new ClusterProfile(c, 'a', { clusterSelector: prod });
    const b = new ClusterProfile(c, 'b', { clusterSelector: prod });
    cp.addDependsOn(b).addPolicyRef(PolicyRef.secret('creds-manifests'));
    const spec = Testing.synth(c)[0].spec;
    expect(spec.dependsOn).toEqual(['b']);
    expect(spec.policyRefs).toEqual([{ kind: 'Secret', name: 'creds-manifests' }]);
  });

  describe('addManifests', () => {
    function manifests() {
      const m = new ManifestChart();
      new KubeDeployment(m, 'web', {
        metadata: { name: 'web', namespace: 'apps', labels: { cluster: '{{ .Cluster.metadata.name }}' } },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'REGION', value: '{{ index .Cluster.metadata.labels "region" }}' }] }] } },
        },
      });
      return m;
    }

    test('packages constructs into a ConfigMap on the hub and references it; templates survive', () => {
      const c = chart();
      const cp = new ClusterProfile(c, 'web', { clusterSelector: prod });
      cp.addManifests(manifests());
      const objs = Testing.synth(c);
      const cm = objs.find((o) => o.kind === 'ConfigMap');
      expect(cm.metadata).toEqual({ name: 'web-manifests', namespace: 'projectsveltos', annotations: { 'projectsveltos.io/template': 'ok' } });
      const text: string = cm.data['manifests.yaml'];
      expect(text).toContain("cluster: '{{ .Cluster.metadata.name }}'");
      expect(text).toContain(`value: '{{ index .Cluster.metadata.labels "region" }}'`);
      expect(text).toContain('kind: Deployment');
      expect(objs.find((o) => o.kind === 'ClusterProfile').spec.policyRefs).toEqual([{ kind: 'ConfigMap', name: 'web-manifests', namespace: 'projectsveltos' }]);
      expect(validateObjects(objs)).toEqual([]);
    });

    test('does not mark non-Sveltos braces (e.g. Prometheus alert text) as a template', () => {
      const c = chart();
      const m = new ManifestChart();
      new KubeConfigMap(m, 'alert', { metadata: { name: 'alert', namespace: 'monitoring' }, data: { text: 'instance {{ $labels.instance }} is down' } });
      const cp = new ClusterProfile(c, 'alerts', { clusterSelector: prod, manifestsNamespace: 'sveltos-content' });
      cp.addManifests(m);
      cp.addManifestsWithOptions({ manifests: [manifests()], name: 'web-content', template: false, tier: 50 });
      const objs = Testing.synth(c);
      const cms = objs.filter((o) => o.kind === 'ConfigMap');
      expect(cms.map((o) => o.metadata)).toEqual([
        { name: 'alerts-manifests', namespace: 'sveltos-content' },
        { name: 'web-content', namespace: 'sveltos-content' },
      ]);
      expect(objs.find((o) => o.kind === 'ClusterProfile').spec.policyRefs).toEqual([
        { kind: 'ConfigMap', name: 'alerts-manifests', namespace: 'sveltos-content' },
        { kind: 'ConfigMap', name: 'web-content', namespace: 'sveltos-content', tier: 50 },
      ]);
    });

    test('fails when the constructs hold no Kubernetes object', () => {
      const c = chart();
      new ClusterProfile(c, 'web', { clusterSelector: prod }).addManifests(new ManifestChart());
      expect(() => Testing.synth(c)).toThrow(/manifests ConfigMap "web-manifests" holds no Kubernetes object/);
    });
  });

  test('fails with an empty clusterSelector (Sveltos matches nothing)', () => {
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: LabelSelector.all() }))
      .toThrow(/ClusterProfile "x": clusterSelector is empty, and Sveltos matches no cluster with an empty selector/);
  });

  test.each([
    ['150%'], ['-1'], ['abc'], [150.5],
  ])('fails with bad maxUpdate %p', (bad) => {
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: prod, maxUpdate: bad as any }))
      .toThrow(/ClusterProfile "x": maxUpdate .* is invalid; Sveltos accepts \^\(\(100\|\[0-9\]\{1,2\}\)%\|\[0-9\]\+\)\$/);
  });

  test('fails with driftExclusions without ContinuousWithDriftDetection', () => {
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: prod, driftExclusions: [{ paths: ['/spec/replicas'] }] }))
      .toThrow(/driftExclusions \(\/spec\/replicas\) only apply with syncMode ContinuousWithDriftDetection, but syncMode is Continuous/);
    const cp = new ClusterProfile(chart(), 'y', { clusterSelector: prod, syncMode: SyncMode.DRY_RUN });
    expect(() => cp.addDriftExclusion({ paths: ['/data'] })).toThrow(/but syncMode is DryRun/);
  });

  test('fails with a tier below 1', () => {
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: prod, tier: 0 })).toThrow(/tier 0 is invalid/);
  });

  test('fails when depending on a Profile or on itself', () => {
    const c = chart();
    const cp = new ClusterProfile(c, 'x', { clusterSelector: prod });
    expect(() => cp.addDependsOn(Profile.fromName('team', 'p'))).toThrow(/a ClusterProfile can only depend on ClusterProfiles/);
    expect(() => cp.addDependsOn(ClusterProfile.fromName('x'))).toThrow(/cannot depend on itself/);
    expect(() => cp.addDependsOn('cni' as any)).toThrow(/dependsOn takes profile constructs/);
  });

  test('fails with a Set (not a ClusterSet) in setRefs', () => {
    const c = chart();
    const cp = new ClusterProfile(c, 'x', { clusterSelector: prod });
    expect(() => cp.addSetRef({ name: 's', namespace: 'team', setKind: 'Set' as any })).toThrow(/a ClusterProfile references ClusterSets only/);
  });

  test('fails with a health check that can never pass', () => {
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: prod, validateHealths: [{ name: 'h', featureId: HealthFeature.RESOURCES }] }))
      .toThrow(/has neither script nor evaluateCel/);
  });

  test('fails when the same release is listed twice', () => {
    const h = HelmChart.fromRepository({ repositoryUrl: 'https://a.example', repositoryName: 'a', chartName: 'a/a', version: '1.0.0', releaseName: 'a', releaseNamespace: 'a' });
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: prod, helmCharts: [h, h] })).toThrow(/deploys Helm release a\/a twice/);
  });

  test('reachedClusters follows the selector over declared SveltosClusters', () => {
    const c = chart();
    new SveltosCluster(c, 'p1', { namespace: 'fleet', labels: { env: 'production' } });
    new SveltosCluster(c, 'd1', { namespace: 'fleet', labels: { env: 'dev' } });
    const cp = new ClusterProfile(c, 'x', { clusterSelector: prod });
    expect(cp.reachedClusters().map((r) => `${r.namespace}/${r.name}`)).toEqual(['fleet/p1']);
  });
});
