import { plan as fleetPlan } from '../../lib';

// Hand-written hub YAML (as `cdk-fleet plan` reads it), to fire and not fire each rule.
const mc = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster',
  metadata: { name, labels: { 'cluster.open-cluster-management.io/clusterset': 'all', ...labels } }, spec: { hubAcceptsClient: true }, ...extra,
});
const sc = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', metadata: { name, namespace: 'fleet', labels }, spec: { kubeconfigName: `${name}-kubeconfig` },
});
const profile = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => ({
  apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterProfile', metadata: { name, ...(annotations ? { annotations } : {}) }, spec,
});
const base = [
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'all' }, spec: {} },
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'all', namespace: 'apps' }, spec: { clusterSet: 'all' } },
  mc('a', { env: 'production' }), mc('b', { env: 'production' }), mc('c', { env: 'staging' }),
];
const registered = [sc('a', { env: 'production' }), sc('b', { env: 'production' }), sc('c', { env: 'staging' })];
const cni = profile('cni', { clusterSelector: { matchLabels: { env: 'production' } }, helmCharts: [{ repositoryURL: 'https://helm.cilium.io', repositoryName: 'cilium', chartName: 'cilium/cilium', chartVersion: '1.16.0', releaseName: 'cilium', releaseNamespace: 'kube-system' }] });
const findings = (objects: unknown[]) => fleetPlan.buildFleetPlan({ objects }).plan.findings.map((f) => `${f.id} ${f.subject}`);

describe('rule pack on hand-written YAML', () => {
  test('FLEET002 fires for a profile that deploys nowhere, not for one that deploys', () => {
    const f = findings([...base, ...registered, cni, profile('gpu', { clusterSelector: { matchLabels: { gpu: 'true' } } })]);
    expect(f).toContain('FLEET002 ClusterProfile gpu');
    expect(f).not.toContain('FLEET002 ClusterProfile cni');
  });

  test('FLEET004 fires for a cluster no profile selects; not when every cluster gets one', () => {
    expect(findings([...base, ...registered, cni])).toContain('FLEET004 ManagedCluster c');
    const all = profile('mon', { clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] } });
    expect(findings([...base, ...registered, cni, all]).filter((x) => x.startsWith('FLEET004'))).toEqual([]);
  });

  test('FLEET005 fires for the one cluster missing an add-on all others get', () => {
    const mostly = profile('mon', { clusterSelector: { matchLabels: { monitored: 'yes' } } });
    const objs = [...base, sc('a', { monitored: 'yes' }), sc('b', { monitored: 'yes' }), sc('c', {}), mostly];
    expect(findings(objs)).toContain('FLEET005 ManagedCluster c');
    const onlyA = profile('mon', { clusterRefs: [{ kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace: 'fleet', name: 'a' }] });
    expect(findings([...base, ...registered, onlyA]).filter((x) => x.startsWith('FLEET005'))).toEqual([]);
  });

  test('FLEET003 fires for a profile without maxUpdate on several production clusters, not with maxUpdate', () => {
    expect(findings([...base, ...registered, cni])).toContain('FLEET003 ClusterProfile cni');
    const careful = profile('cni', { ...cni.spec, maxUpdate: '50%' });
    expect(findings([...base, ...registered, careful])).not.toContain('FLEET003 ClusterProfile cni');
  });

  test('FLEET007 fires for a cluster not registered with Sveltos, and for sveltos-ocm-addon', () => {
    expect(findings([...base, sc('a', { env: 'production' }), sc('b', { env: 'production' }), cni])).toContain('FLEET007 ManagedCluster c');
    expect(findings([...base, ...registered, cni]).filter((x) => x.startsWith('FLEET007'))).toEqual([]);
    const bridge = { apiVersion: 'sveltos.open-cluster-management.io/v1alpha1', kind: 'SveltosOCMCluster', metadata: { name: 'bridge', namespace: 'open-cluster-management' }, spec: {} };
    expect(findings([...base, cni, bridge])).toContain('FLEET007 SveltosOCMCluster open-cluster-management/bridge');
  });

  test('FLEET009 fires when two equal-tier profiles deploy the same Helm release to one cluster', () => {
    const twin = profile('cni-copy', { ...cni.spec });
    const f = fleetPlan.buildFleetPlan({ objects: [...base, ...registered, cni, twin] }).plan.findings.filter((x) => x.id === 'FLEET009');
    expect(f.length).toBeGreaterThan(0);
    expect(f[0].message).toMatch(/cni/);
    expect(f[0].message).toMatch(/cni-copy/);
    const lower = profile('cni-copy', { ...cni.spec, tier: 50 });
    // a lower tier is Sveltos' deliberate override: no finding
    expect(findings([...base, ...registered, cni, lower]).filter((x) => x.startsWith('FLEET009'))).toEqual([]);
  });

  test('FLEET006 does not fire for a placement that tolerates joining clusters', () => {
    const p = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'p', namespace: 'apps' }, spec: { tolerations: [{ key: 'cluster.open-cluster-management.io/unreachable', operator: 'Exists' }] } };
    const inventory = [mc('a', { env: 'production' }, { status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'Unknown' }] } })];
    const f = fleetPlan.buildFleetPlan({ objects: [...base, p], inventory }).plan.findings;
    expect(f.filter((x) => x.id === 'FLEET006')).toEqual([]);
    const strict = { ...p, spec: {} };
    expect(fleetPlan.buildFleetPlan({ objects: [...base, strict], inventory }).plan.findings.map((x) => x.id)).toContain('FLEET006');
  });

  test('FLEET006 does not fire without an inventory', () => {
    expect(findings([...base, { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'p', namespace: 'apps' }, spec: {} }]).filter((x) => x.startsWith('FLEET006'))).toEqual([]);
  });

  test('every rule has a stable id, name and description', () => {
    expect(fleetPlan.RULES.map((r) => r.id)).toEqual(['FLEET001', 'FLEET002', 'FLEET003', 'FLEET004', 'FLEET005', 'FLEET006', 'FLEET007', 'FLEET008', 'FLEET009', 'FLEET010', 'FLEET011', 'FLEET012', 'FLEET013', 'FLEET014', 'FLEET015', 'FLEET016', 'FLEET017', 'FLEET018', 'FLEET019']);
  });
});
