import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFacts } from '../../lib/core/api-facts';
import { CRD_FACTS } from '../../lib/core/crds.generated';
import { CRD_TABLE_FILE, crdTable, renderCrdTable } from '../../scripts/crd-table';
import { DEFAULT_CRD_DIR } from '../support/crd-schema';

describe('the CRD facts the CLI carries (lib/core/crds.generated.ts)', () => {
  test('are what scripts/crd-table.ts extracts from ../shared/crds (run npx tsx scripts/crd-table.ts when this fails)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', CRD_TABLE_FILE), 'utf8');
    expect(committed).toBe(renderCrdTable(crdTable(DEFAULT_CRD_DIR)));
  });

  test('know served and storage versions, scope and the fields the API server types', () => {
    const placement = ApiFacts.crd('cluster.open-cluster-management.io', 'Placement')!;
    expect(placement.scope).toBe('Namespaced');
    expect(placement.versions.map((v) => [v.name, v.served, v.storage])).toEqual([['v1beta1', true, true]]);
    expect(placement.versions[0].typed).toContainEqual({ path: 'spec.numberOfClusters', type: 'integer', format: 'int32' });
    expect(placement.versions[0].typed).toContainEqual({ path: 'spec.prioritizerPolicy.configurations[].weight', type: 'integer', format: 'int32', minimum: -10, maximum: 10 });
    const cma = ApiFacts.crd('addon.open-cluster-management.io', 'ClusterManagementAddOn')!;
    expect(ApiFacts.preferredVersion(cma)?.name).toBe('v1alpha1'); // the storage version, both served
    expect(ApiFacts.crd('authentication.open-cluster-management.io', 'ManagedServiceAccount')!.versions.find((v) => v.name === 'v1alpha1')?.deprecated).toBe(true);
    expect(ApiFacts.crd('cluster.open-cluster-management.io', 'ManagedCluster')!.versions[0].defaults).toEqual({ p: { spec: { p: { leaseDurationSeconds: { d: 60 } } } } });
    expect(ApiFacts.scope('config.projectsveltos.io', 'ClusterProfile')).toBe('Cluster');
    expect(ApiFacts.scope('multicluster.x-k8s.io', 'ClusterProfile')).toBe('Namespaced');
    expect(ApiFacts.scope('', 'ConfigMap')).toBe('Namespaced');
    expect(ApiFacts.scope('rbac.authorization.k8s.io', 'ClusterRole')).toBe('Cluster');
    expect(ApiFacts.scope('example.com', 'Widget')).toBeUndefined();
  });

  test('removed versions are versions the CRDs no longer serve, of kinds they define', () => {
    for (const r of ApiFacts.removedVersions()) {
      for (const kind of r.kinds) {
        const crd = CRD_FACTS.find((c) => c.group === r.group && c.kind === kind);
        expect(crd && `${r.group}/${kind}`).toBe(`${r.group}/${kind}`);
        expect(crd!.versions.filter((v) => v.served).map((v) => v.name)).not.toContain(r.version);
      }
    }
    expect(ApiFacts.removed('cluster.open-cluster-management.io', 'Placement', 'v1alpha1')?.removedIn).toBe('open-cluster-management-io/api 86605928 (#179, 2022-09)');
    expect(ApiFacts.removed('cluster.open-cluster-management.io', 'ManagedClusterSet', 'v1beta1')?.removedIn).toBe('open-cluster-management-io/api 9675ab73 (#266, 2023-08)');
    expect(ApiFacts.removed('cluster.open-cluster-management.io', 'Placement', 'v1beta2')).toBeUndefined();
  });
});
