#!/usr/bin/env node
// Regenerates lib/imports/ from the upstream CRDs in ../shared/crds with `cdk8s import`.
// One concatenated file per API group: importing two files of one group in separate runs
// would overwrite the first. The generated files are committed and never edited by hand.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const crds = process.env.CDK_FLEET_CRDS ?? resolve(root, '..', 'shared', 'crds');
const out = join(root, 'lib', 'imports');

/** API group -> CRD files (relative to ../shared/crds) that the library emits. */
export const GROUPS = {
  'cluster.open-cluster-management.io': [
    'ocm/cluster.open-cluster-management.io_managedclusters.yaml',
    'ocm/cluster.open-cluster-management.io_managedclustersets.yaml',
    'ocm/cluster.open-cluster-management.io_managedclustersetbindings.yaml',
    'ocm/cluster.open-cluster-management.io_placements.yaml',
    'ocm/cluster.open-cluster-management.io_placementdecisions.yaml',
    'ocm/cluster.open-cluster-management.io_addonplacementscores.yaml',
    'ocm/cluster.open-cluster-management.io_clusterclaims.yaml',
  ],
  'work.open-cluster-management.io': [
    'ocm/work.open-cluster-management.io_manifestworks.yaml',
    'ocm/work.open-cluster-management.io_manifestworkreplicasets.yaml',
  ],
  'addon.open-cluster-management.io': [
    'ocm/addon.open-cluster-management.io_clustermanagementaddons.yaml',
    'ocm/addon.open-cluster-management.io_managedclusteraddons.yaml',
    'ocm/addon.open-cluster-management.io_addondeploymentconfigs.yaml',
    'ocm/addon.open-cluster-management.io_addontemplates.yaml',
  ],
  'operator.open-cluster-management.io': [
    'ocm/operator.open-cluster-management.io_clustermanagers.yaml',
    'ocm/operator.open-cluster-management.io_klusterlets.yaml',
  ],
  'policy.open-cluster-management.io': [
    'ocm/policy.open-cluster-management.io_policies.yaml',
    'ocm/policy.open-cluster-management.io_placementbindings.yaml',
    'ocm/policy.open-cluster-management.io_configurationpolicies.yaml',
    'ocm/policy.open-cluster-management.io_policysets.yaml',
  ],
  'authentication.open-cluster-management.io': [
    'ocm/authentication.open-cluster-management.io_managedserviceaccounts.yaml',
  ],
  'proxy.open-cluster-management.io': [
    'ocm/proxy.open-cluster-management.io_managedproxyconfigurations.yaml',
  ],
  'config.projectsveltos.io': [
    'sveltos/config.projectsveltos.io_clusterprofiles.yaml',
    'sveltos/config.projectsveltos.io_profiles.yaml',
    'sveltos/config.projectsveltos.io_clusterpromotions.yaml',
  ],
  'lib.projectsveltos.io': [
    'sveltos/lib.projectsveltos.io_sveltosclusters.yaml',
    'sveltos/lib.projectsveltos.io_clustersets.yaml',
    'sveltos/lib.projectsveltos.io_sets.yaml',
  ],
  'sveltos.open-cluster-management.io': [
    'sveltos/sveltos.open-cluster-management.io_sveltosocmclusters.yaml',
  ],
  'multicluster.x-k8s.io': [
    'cluster-inventory/multicluster.x-k8s.io_clusterprofiles.yaml',
  ],
  'policy.karmada.io': [
    'karmada/policy.karmada.io_propagationpolicies.yaml',
    'karmada/policy.karmada.io_clusterpropagationpolicies.yaml',
    'karmada/policy.karmada.io_overridepolicies.yaml',
    'karmada/policy.karmada.io_clusteroverridepolicies.yaml',
  ],
  'cluster.kubernetes-fleet.io': [
    'kubefleet/cluster.kubernetes-fleet.io_memberclusters.yaml',
  ],
  'placement.kubernetes-fleet.io': [
    'kubefleet/placement.kubernetes-fleet.io_clusterresourceplacements.yaml',
    'kubefleet/placement.kubernetes-fleet.io_clusterstagedupdatestrategies.yaml',
    'kubefleet/placement.kubernetes-fleet.io_clusterstagedupdateruns.yaml',
    'kubefleet/placement.kubernetes-fleet.io_clusterresourceoverrides.yaml',
    'kubefleet/placement.kubernetes-fleet.io_resourceoverrides.yaml',
  ],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-import-'));
  mkdirSync(out, { recursive: true });
  const cli = join(root, 'node_modules', '.bin', 'cdk8s');
  try {
    for (const [group, files] of Object.entries(GROUPS)) {
      const joined = files.map((f) => readFileSync(join(crds, f), 'utf8').replace(/^---\s*\n/, '')).join('\n---\n');
      const file = join(work, `${group}.yaml`);
      writeFileSync(file, joined);
      execFileSync(cli, ['import', file, '--language', 'typescript', '--output', out, '--no-save', '--no-check-upgrade'], {
        cwd: work,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
