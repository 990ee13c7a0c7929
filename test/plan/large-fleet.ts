// A generated fleet for scale tests and the bench: `clusters` ManagedClusters registered with
// Sveltos (one SveltosCluster each), `addons` ClusterProfiles with a pinned Helm chart (every fifth
// depends on the one before, half with maxUpdate 10%), a placement and a progressive
// ManifestWorkReplicaSet over production.
export interface LargeFleetOptions {
  readonly clusters: number;
  readonly addons: number;
  /** Bump the chart version of add-on 0. */
  readonly bump?: boolean;
  /** Add one cluster after the others. */
  readonly addCluster?: boolean;
  /** Remove cluster 1. */
  readonly removeCluster?: boolean;
}

const ENVS = ['dev', 'staging', 'production', 'edge'];

export function largeFleet(o: LargeFleetOptions): unknown[] {
  const objs: unknown[] = [
    { apiVersion: 'operator.open-cluster-management.io/v1', kind: 'ClusterManager', metadata: { name: 'cluster-manager' }, spec: { workConfiguration: { featureGates: [{ feature: 'ManifestWorkReplicaSet', mode: 'Enable' }] } } },
    { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'fleet' }, spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } } },
    { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'fleet', namespace: 'apps' }, spec: { clusterSet: 'fleet' } },
    { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'production', namespace: 'apps' }, spec: { predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { env: 'production' } } } }], decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: '10%' } } } },
    { apiVersion: 'work.open-cluster-management.io/v1alpha1', kind: 'ManifestWorkReplicaSet', metadata: { name: 'web', namespace: 'apps' }, spec: { placementRefs: [{ name: 'production', rolloutStrategy: { type: 'ProgressivePerGroup' } }], manifestWorkTemplate: { workload: { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'default' }, data: { v: '1' } }] } } } },
  ];
  const n = o.clusters + (o.addCluster ? 1 : 0);
  for (let i = 0; i < n; i++) {
    if (o.removeCluster && i === 1) continue;
    const name = `cluster-${String(i).padStart(5, '0')}`;
    const labels = { env: ENVS[i % 4], dc: `dc${i % 3}`, shard: `s${i % 20}` };
    objs.push({ apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name, labels: { ...labels, 'cluster.open-cluster-management.io/clusterset': 'fleet' } }, spec: { hubAcceptsClient: true } });
    objs.push({ apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', metadata: { name, namespace: 'fleet', labels }, spec: { kubeconfigName: `${name}-kubeconfig` } });
  }
  for (let a = 0; a < o.addons; a++) {
    objs.push({
      apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterProfile', metadata: { name: `addon-${String(a).padStart(2, '0')}` },
      spec: {
        clusterSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: a % 3 === 0 ? ['production', 'staging'] : ENVS }] },
        ...(a % 2 === 0 ? { maxUpdate: '10%' } : {}),
        ...(a % 5 !== 0 ? { dependsOn: [`addon-${String(a - 1).padStart(2, '0')}`] } : {}),
        helmCharts: [{ repositoryURL: 'https://charts.example.com', repositoryName: 'example', chartName: `example/addon-${a}`, chartVersion: a === 0 && o.bump ? '1.1.0' : '1.0.0', releaseName: `addon-${a}`, releaseNamespace: `addon-${a}`, helmChartAction: 'Install' }],
      },
    });
  }
  return objs;
}
