import { ApiObject, Testing } from 'cdk8s';
import { KubeConfigMap, KubeDeployment, KubeSecret } from 'cdk8s-plus-30/lib/imports/k8s';
import { LabelSelector, PercentOrAbsolute } from '../../lib/core';
import { ManagedClusterSet, ManifestChart } from '../../lib/ocm';
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
    // referenced clusters the app does not register are not ready anywhere, so no ClusterSummary reaches them
    expect(cp.reachedClusters()).toEqual([]);
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
    cp.addDependsOn(b);
    cp.addPolicyRef(PolicyRef.secret('creds-manifests'));
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

    test('fails on a core Secret (data or stringData), pointing to PolicyRef.secret', () => {
      const withData = new ManifestChart();
      new KubeSecret(withData, 'db', { metadata: { name: 'db', namespace: 'apps' }, data: { password: 'aHVudGVyMg==' } });
      const cp = new ClusterProfile(chart(), 'web', { clusterSelector: prod });
      expect(() => cp.addManifests(withData))
        .toThrow(/ClusterProfile "web": addManifests got Secret "apps\/db", whose data \(or stringData\) would be stored in plain text in hub ConfigMap "web-manifests".*type addons.projectsveltos.io\/cluster-profile.*PolicyRef.secret\("db"/);
      const withStringData = new ManifestChart();
      new ApiObject(withStringData, 'token', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, stringData: { token: 's3cr3t' } });
      expect(() => cp.addManifestsWithOptions({ manifests: [withStringData], name: 'tokens' })).toThrow(/addManifests got Secret "token".*hub ConfigMap "tokens"/);
    });

    test('fails on a core Secret added to the constructs after addManifests, at synth', () => {
      const c = chart();
      const m = manifests();
      new ClusterProfile(c, 'web', { clusterSelector: prod }).addManifests(m);
      new KubeSecret(m, 'late', { metadata: { name: 'late', namespace: 'apps' }, stringData: { a: 'b' } });
      expect(() => Testing.synth(c)).toThrow(/addManifests got Secret "apps\/late"/);
    });

    test('a Secret of another API group is not a core Secret', () => {
      const m = new ManifestChart();
      new ApiObject(m, 'sealed', { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db', namespace: 'apps' }, spec: { encryptedData: { p: 'AgB...' } } });
      new ApiObject(m, 'ext', { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'x' } });
      const c = chart();
      new ClusterProfile(c, 'web', { clusterSelector: prod }).addManifests(m);
      expect(() => Testing.synth(c)).not.toThrow();
    });

    test('fails when a Sveltos template also holds other {{ }} (Kyverno), and says not to mix', () => {
      const c = chart();
      const m = new ManifestChart();
      new ApiObject(m, 'policy', {
        apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'require-team' },
        spec: { rules: [{ name: 'team', validate: { message: 'on {{ .Cluster.metadata.name }}: {{ request.object.metadata.name }} needs a team label' } }] },
      });
      new ClusterProfile(c, 'policies', { clusterSelector: prod }).addManifests(m);
      expect(() => Testing.synth(c)).toThrow(/ClusterProfile "policies": manifests ConfigMap "policies-manifests" is a Sveltos template \(it holds Sveltos expressions such as \{\{ \.Cluster\.\.\. \}\}\), but also holds \{\{ request.object.metadata.name \}\} \(function "request" is not defined.*Do not mix them: pass the objects with Kyverno, Prometheus or other \{\{ \}\} text to a separate addManifests call.*\{\{ "\{\{" \}\} request.object.metadata.name \}\}/);
    });

    test('fails when content marked template: true holds Prometheus {{ }}', () => {
      const c = chart();
      const m = new ManifestChart();
      new KubeConfigMap(m, 'alert', { metadata: { name: 'alert', namespace: 'monitoring' }, data: { text: 'instance {{ $labels.instance }} is down' } });
      new ClusterProfile(c, 'alerts', { clusterSelector: prod }).addManifestsWithOptions({ manifests: [m], template: true });
      expect(() => Testing.synth(c)).toThrow(/manifests ConfigMap "alerts-manifests" is marked as a Sveltos template \(template: true\), but also holds \{\{ \$labels.instance \}\} \(undefined variable \$labels\)/);
    });

    test('a Sveltos expression alone (the example\'s Kyverno message), escaped actions and sprig functions make a valid template', () => {
      const c = chart();
      const m = new ManifestChart();
      new ApiObject(m, 'policy', {
        apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'require-team-label' },
        spec: { rules: [{ name: 'team-label', validate: { message: 'deployments on {{ .Cluster.metadata.name }} need a team label' } }] },
      });
      new KubeConfigMap(m, 'cfg', {
        metadata: { name: 'cfg', namespace: 'apps' },
        data: {
          owner: '{{ index .Cluster.metadata.labels "team" | default "platform" | upper }}',
          kyverno: 'request {{ "{{" }} request.object.metadata.name }}',
          labels: '{{ range $k, $v := .Cluster.metadata.labels }}{{ $k }}={{ $v }},{{ end }}',
        },
      });
      new ClusterProfile(c, 'policies', { clusterSelector: prod }).addManifests(m);
      const cm = Testing.synth(c).find((o) => o.kind === 'ConfigMap');
      expect(cm.metadata.annotations).toEqual({ 'projectsveltos.io/template': 'ok' });
      expect(cm.data['manifests.yaml']).toContain('message: deployments on {{ .Cluster.metadata.name }} need a team label');
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
      .toThrow(/ClusterProfile "x": maxUpdate .* is invalid; use PercentOrAbsolute.count\(n\) \(n >= 1\) or PercentOrAbsolute.percent\(n\) \(1 to 100\), or omit maxUpdate for no limit/);
  });

  test('fails with maxUpdate count(0), which Sveltos reads as no limit', () => {
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: prod, maxUpdate: PercentOrAbsolute.count(0) }))
      .toThrow(/ClusterProfile "x": maxUpdate is PercentOrAbsolute.count\(0\), which Sveltos reads as "no limit".*omit maxUpdate for no limit/);
  });

  test('accepts maxUpdate count(1) and percent(100)', () => {
    const c = chart();
    new ClusterProfile(c, 'a', { clusterSelector: prod, maxUpdate: PercentOrAbsolute.count(1) });
    new ClusterProfile(c, 'b', { clusterSelector: prod, maxUpdate: PercentOrAbsolute.percent(100) });
    expect(Testing.synth(c).map((o) => o.spec.maxUpdate)).toEqual([1, '100%']);
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

  test('fails with a set name instead of a ClusterSet, pointing to ClusterSet.fromName', () => {
    expect(() => new ClusterProfile(chart(), 'x', { setRefs: ['failover' as any] }))
      .toThrow(/ClusterProfile "x": setRefs takes ClusterSet constructs or references, got "failover"; for a ClusterSet declared elsewhere use ClusterSet.fromName\("failover"\)/);
    expect(() => new ClusterProfile(chart(), 'y', { setRefs: ClusterSet.fromName('failover') as any })).toThrow(/ClusterProfile "y": setRefs must be a list/);
    const c = chart();
    expect(() => new ClusterProfile(c, 'z', { setRefs: [new ManagedClusterSet(c, 'prod') as any] }))
      .toThrow(/ClusterProfile "z": setRefs takes ClusterSet constructs or references, got a ManagedClusterSet; for a ClusterSet declared elsewhere use ClusterSet.fromName\("prod"\)/);
    expect(() => new ClusterProfile(c, 'w', { dependsOn: [new ManagedClusterSet(c, 'dev') as any] })).toThrow(/ClusterProfile "w": dependsOn takes profile constructs .*got a ManagedClusterSet/);
  });

  test('fails with drift exclusion paths given as a string', () => {
    expect(() => new ClusterProfile(chart(), 'x', { clusterSelector: prod, syncMode: SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION, driftExclusions: [{ paths: '/spec/replicas' as any }] }))
      .toThrow(/ClusterProfile "x": drift exclusion paths must be a list of JSON6902 paths, got "\/spec\/replicas"; write paths: \["\/spec\/replicas"\]/);
    expect(() => new ClusterProfile(chart(), 'y', { clusterSelector: prod, driftExclusions: [{ paths: '/spec/replicas' as any }] })).toThrow(/drift exclusion paths must be a list/);
  });

  test('fails with missing entries in lists instead of a TypeError', () => {
    expect(() => new ClusterProfile(chart(), 'a', { clusterSelector: prod, validateHealths: [undefined as any] })).toThrow(/ClusterProfile "a": a validateHealths entry is \{ name, featureId, script or evaluateCel, ... \}, got undefined/);
    expect(() => new ClusterProfile(chart(), 'b', { clusterRefs: [undefined as any] })).toThrow(/ClusterProfile "b": a clusterRef needs namespace, name, apiVersion and kind, got undefined/);
    expect(() => new ClusterProfile(chart(), 'c', { clusterRefs: ['prod-1' as any] })).toThrow(/clusterRef "prod-1" is a bare name.*SveltosCluster.fromName\(namespace, "prod-1"\)/);
    expect(() => new ClusterProfile(chart(), 'd', { patches: [undefined as any] })).toThrow(/ClusterProfile "d": a patch needs patch text/);
    expect(() => new ClusterProfile(chart(), 'e', { templateResourceRefs: [undefined as any] })).toThrow(/ClusterProfile "e": a templateResourceRef is \{ identifier, apiVersion, kind, name, namespace\? \}, got undefined/);
    expect(() => new ClusterProfile(chart(), 'f', { policyRefs: [undefined as any] })).toThrow(/ClusterProfile "f": policyRefs entries must be PolicyRef/);
    expect(() => new ClusterProfile(chart(), 'g', {}).addManifests(undefined as any)).toThrow(/ClusterProfile "g": addManifests takes cdk8s constructs .*got undefined/);
    expect(() => new ClusterProfile(chart(), 'h', { validateHealths: [{ name: 'h', featureId: HealthFeature.HELM, script: 's', labelFilters: [undefined as any] }] })).toThrow(/validateHealths "h" has label filter undefined/);
  });
});
