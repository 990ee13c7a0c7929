import { Testing } from 'cdk8s';
import { KubeService } from 'cdk8s-plus-30/lib/imports/k8s';
import { LabelSelector } from '../../lib/core';
import { ManifestChart } from '../../lib/ocm';
import { ClusterProfile, ClusterSet, HelmChart, Profile, SveltosCluster, SyncMode } from '../../lib/sveltos';

const prod = LabelSelector.matchLabels({ env: 'production' });
const certManager = () => HelmChart.fromRepository({
  repositoryUrl: 'https://charts.jetstack.io', repositoryName: 'jetstack', chartName: 'jetstack/cert-manager',
  version: 'v1.15.3', releaseName: 'cert-manager', releaseNamespace: 'cert-manager',
});

function fleet() {
  const c = Testing.chart();
  new SveltosCluster(c, 'prod-1', { namespace: 'fleet', labels: { env: 'production', region: 'eu' } });
  new SveltosCluster(c, 'dev-1', { namespace: 'fleet', labels: { env: 'dev', region: 'eu' } });
  return c;
}

describe('app-wide Sveltos checks', () => {
  test('fails on a dependsOn cycle and names it', () => {
    const c = fleet();
    const a = new ClusterProfile(c, 'a', { clusterSelector: prod });
    const b = new ClusterProfile(c, 'b', { clusterSelector: prod, dependsOn: [a] });
    const d = new ClusterProfile(c, 'd', { clusterSelector: prod, dependsOn: [b] });
    a.addDependsOn(d);
    expect(() => Testing.synth(c)).toThrow(/FLEET012 ClusterProfile a: dependsOn cycle ClusterProfile a → ClusterProfile d → ClusterProfile b → ClusterProfile a: Sveltos deploys a profile only after its prerequisites are provisioned on the cluster, so none of these ever deploys. Fix: remove one of the dependsOn edges/);
  });

  test('fails when two profiles of equal tier deploy the same Helm release to the same cluster', () => {
    const c = fleet();
    new ClusterProfile(c, 'platform', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }), helmCharts: [certManager()] });
    new ClusterProfile(c, 'security', { clusterSelector: prod, helmCharts: [certManager()] });
    expect(() => Testing.synth(c)).toThrow(/FLEET009 ClusterProfile security: ClusterProfile\/platform and ClusterProfile\/security both deploy Helm release cert-manager\/cert-manager on SveltosCluster fleet\/prod-1: equal tier 100/);
  });

  test('a lower tier, disjoint clusters or DryRun are no conflict', () => {
    const c = fleet();
    new ClusterProfile(c, 'platform', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }), helmCharts: [certManager()] });
    new ClusterProfile(c, 'security', { clusterSelector: prod, helmCharts: [certManager()], tier: 50 });
    new ClusterProfile(c, 'dev-only', { clusterSelector: LabelSelector.matchLabels({ env: 'dev' }), helmCharts: [certManager()], tier: 50 });
    new ClusterProfile(c, 'preview', { clusterSelector: prod, helmCharts: [certManager()], syncMode: SyncMode.DRY_RUN });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('fails when two profiles of equal tier deploy the same resource to the same cluster', () => {
    const c = fleet();
    const content = () => {
      const m = new ManifestChart();
      new KubeService(m, 'svc', { metadata: { name: 'metrics', namespace: 'monitoring' }, spec: { ports: [{ port: 80 }] } });
      return m;
    };
    new ClusterProfile(c, 'one', { clusterSelector: prod }).addManifests(content());
    new Profile(c, 'two', { namespace: 'fleet', clusterSelector: prod }).addManifests(content());
    expect(() => Testing.synth(c)).toThrow(/FLEET009 Profile fleet\/two: ClusterProfile\/one and Profile\/fleet\/two both deploy resource core\/Service\/monitoring\/metrics on SveltosCluster fleet\/prod-1: equal tier 100/);
  });

  test('fails when a prerequisite, pulled onto its dependents\' clusters (auto-deploy), clashes there', () => {
    const c = fleet();
    const base = new ClusterProfile(c, 'base', { clusterSelector: LabelSelector.matchLabels({ env: 'dev' }), helmCharts: [certManager()] });
    new ClusterProfile(c, 'app', { clusterSelector: prod, dependsOn: [base] });
    new ClusterProfile(c, 'other', { clusterSelector: prod, helmCharts: [certManager()] });
    expect(base.reachedClusters().map((r) => r.name)).toEqual(['dev-1', 'prod-1']);
    expect(() => Testing.synth(c)).toThrow(/FLEET009 ClusterProfile other: ClusterProfile\/base and ClusterProfile\/other both deploy Helm release cert-manager\/cert-manager on SveltosCluster fleet\/prod-1/);
  });

  test('equal tiers are no conflict when dependsOn orders them: the prerequisite deploys first and owns the release', () => {
    const c = fleet();
    const platform = new ClusterProfile(c, 'platform', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }), helmCharts: [certManager()] });
    new ClusterProfile(c, 'security', { clusterSelector: prod, helmCharts: [certManager()], dependsOn: [platform] });
    // transitively too: app -> security -> platform
    const security = ClusterProfile.fromName('security');
    new ClusterProfile(c, 'app', { clusterSelector: prod, helmCharts: [certManager()], dependsOn: [security] });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('fails when only some of the equal-tier claimants are ordered by dependsOn', () => {
    const c = fleet();
    const platform = new ClusterProfile(c, 'platform', { clusterSelector: prod, helmCharts: [certManager()] });
    new ClusterProfile(c, 'security', { clusterSelector: prod, helmCharts: [certManager()], dependsOn: [platform] });
    new ClusterProfile(c, 'audit', { clusterSelector: prod, helmCharts: [certManager()] });
    expect(() => Testing.synth(c)).toThrow(/ClusterProfile\/audit and ClusterProfile\/platform and ClusterProfile\/security all deploy Helm release cert-manager\/cert-manager on SveltosCluster fleet\/prod-1: equal tier 100/);
  });

  test('fails on a dependsOn cycle even when it would order equal tiers', () => {
    const c = fleet();
    const a = new ClusterProfile(c, 'a', { clusterSelector: prod, helmCharts: [certManager()] });
    const b = new ClusterProfile(c, 'b', { clusterSelector: prod, helmCharts: [certManager()], dependsOn: [a] });
    a.addDependsOn(b);
    expect(() => Testing.synth(c)).toThrow(/FLEET012 ClusterProfile a: dependsOn cycle ClusterProfile a → ClusterProfile b → ClusterProfile a/);
  });

  test('a Profile dependsOn orders equal tiers within its namespace', () => {
    const c = fleet();
    const base = new Profile(c, 'base', { namespace: 'fleet', clusterSelector: prod, helmCharts: [certManager()] });
    new Profile(c, 'app', { namespace: 'fleet', clusterSelector: prod, helmCharts: [certManager()], dependsOn: [base] });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('fails on a selector key no SveltosCluster carries', () => {
    const c = fleet();
    new ClusterProfile(c, 'x', { clusterSelector: LabelSelector.matchLabels({ tier: 'gold' }) });
    expect(() => Testing.synth(c)).toThrow(/FLEET011 ClusterProfile x: clusterSelector uses label "tier", which no SveltosCluster carries \(labels seen: env, projectsveltos.io\/k8s-version, region\), so the selector matches nothing. Fix: label the clusters, or fix the key/);
  });

  test('fails on a ClusterSet selector key no SveltosCluster carries', () => {
    const c = fleet();
    new ClusterSet(c, 'x', { clusterSelector: LabelSelector.exists('zone'), maxReplicas: 1 });
    expect(() => Testing.synth(c)).toThrow(/FLEET011 ClusterSet x: clusterSelector uses label "zone"/);
  });

  test('selectors are not checked when the app declares no source of SveltosClusters', () => {
    const c = Testing.chart();
    new ClusterProfile(c, 'x', { clusterSelector: LabelSelector.matchLabels({ tier: 'gold' }) });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('NotIn and DoesNotExist on absent keys are fine, and the k8s-version label Sveltos adds is visible', () => {
    const c = fleet();
    new ClusterProfile(c, 'x', { clusterSelector: LabelSelector.notIn('tier', 'gold').and(LabelSelector.exists('projectsveltos.io/k8s-version')) });
    expect(() => Testing.synth(c)).not.toThrow();
  });
});
