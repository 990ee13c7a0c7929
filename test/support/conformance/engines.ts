/**
 * Runs one Karmada or KubeFleet conformance vector (../shared/conformance/engines, format in its
 * README) through the matching simulator and checks exactly what the vector expects.
 *
 * - Karmada vectors carry Cluster objects without apiVersion/kind and only the placement of a
 *   PropagationPolicy; the runner schedules that placement (scheduleKarmadaPlacement, webhook
 *   validation of the placement included) with the vector's workload replicas.
 * - KubeFleet vectors carry the 9-cluster fleet of test/scheduler/suite_test.go in a flat shape; the
 *   runner turns each into a MemberCluster object with the status the upstream test sets up (member
 *   agent joined and healthy, heartbeat now; the unhealthy cluster's heartbeat 25 hours old; the
 *   cluster that left has a deletionTimestamp) and plans them with the test's 24-hour timeouts.
 */
import { scheduleKarmadaPlacement } from '../../../lib/plan/karmada';
import type { KarmadaCluster } from '../../../lib/plan/karmada';
import { planKubeFleet } from '../../../lib/plan/kubefleet';

type Json = Record<string, any>;

const VECTOR_KEYS = new Set(['id', 'source', 'engine', 'evaluates', 'clusters', 'policy', 'workload', 'expected', 'notes']);
const KARMADA_CLUSTER_KEYS = new Set(['metadata', 'spec']);
const FLEET_CLUSTER_KEYS = new Set(['name', 'labels', 'eligible', 'eligibility', 'properties', 'resourceUsage', 'taints']);

/** The fixed evaluation time the KubeFleet vectors are run at. */
const NOW = '2026-01-01T00:00:00Z';
const HOUR = 3600 * 1000;

function show(v: unknown): string {
  return JSON.stringify(v);
}

/** A vector's Karmada cluster in the simulator's shape. */
export function karmadaVectorCluster(c: Json): KarmadaCluster {
  const spec: Json = c.spec ?? {};
  return {
    name: c.metadata?.name,
    labels: c.metadata?.labels ?? {},
    provider: spec.provider,
    region: spec.region,
    zones: spec.zones ?? [],
    taints: spec.taints ?? [],
  };
}

/** A vector's KubeFleet cluster as the MemberCluster object the upstream suite creates. */
export function kubeFleetVectorMemberCluster(c: Json): Json {
  const left = c.eligible === false && /deleted|left the fleet/.test(String(c.eligibility));
  const stale = c.eligible === false && !left;
  if (stale && !/heartbeat/.test(String(c.eligibility))) throw new Error(`cluster ${c.name}: cannot model eligibility ${show(c.eligibility)}`);
  const now = Date.parse(NOW);
  const heartbeat = new Date(stale ? now - 25 * HOUR : now).toISOString();
  const properties: Json = {};
  for (const [k, v] of Object.entries((c.properties ?? {}) as Json)) properties[k] = { value: v };
  return {
    apiVersion: 'cluster.kubernetes-fleet.io/v1beta1',
    kind: 'MemberCluster',
    metadata: { name: c.name, labels: c.labels ?? {}, ...(left ? { deletionTimestamp: NOW } : {}) },
    spec: { identity: { kind: 'ServiceAccount', name: 'fleet-member-agent', namespace: 'fleet-system' }, ...(c.taints ? { taints: c.taints } : {}) },
    status: {
      properties,
      ...(c.resourceUsage ? { resourceUsage: c.resourceUsage } : {}),
      agentStatus: [{
        type: 'MemberAgent',
        lastReceivedHeartbeat: heartbeat,
        conditions: [
          { type: 'Joined', status: 'True', lastTransitionTime: NOW },
          { type: 'Healthy', status: 'True', lastTransitionTime: NOW },
        ],
      }],
    },
  };
}

function sortedNames(a: readonly string[]): string[] {
  return [...a].sort();
}

function runKarmada(v: Json, failures: string[]): void {
  (v.clusters ?? []).forEach((c: Json, i: number) => {
    for (const key of Object.keys(c ?? {})) if (!KARMADA_CLUSTER_KEYS.has(key)) failures.push(`clusters[${i}]: unknown key ${show(key)}: the runner would ignore it`);
  });
  const placement = v.policy?.spec?.placement;
  if (!placement) {
    failures.push('policy.spec.placement is missing');
    return;
  }
  const replicas = v.workload?.replicas;
  const r = scheduleKarmadaPlacement((v.clusters ?? []).map(karmadaVectorCluster), placement, { replicas });
  if (r.undetermined) failures.push(`simulator could not decide: ${r.undetermined}`);
  if (replicas !== undefined) {
    const got = r.selected.map((t) => ({ name: t.cluster, replicas: t.replicas }));
    const want = [...(v.expected ?? [])].sort((a: Json, b: Json) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (show(got) !== show(want)) failures.push(`expected: got ${show(got)}, want ${show(want)}`);
  } else {
    const got = sortedNames(r.selected.map((t) => t.cluster));
    const want = sortedNames(v.expected ?? []);
    if (show(got) !== show(want)) failures.push(`expected: got ${show(got)}, want ${show(want)}${got.length < want.length ? ` (not selected: ${show(r.notSelected)})` : ''}`);
  }
}

function runKubeFleet(v: Json, failures: string[]): void {
  (v.clusters ?? []).forEach((c: Json, i: number) => {
    for (const key of Object.keys(c ?? {})) if (!FLEET_CLUSTER_KEYS.has(key)) failures.push(`clusters[${i}]: unknown key ${show(key)}: the runner would ignore it`);
  });
  if (v.workload !== undefined) failures.push('workload is not a KubeFleet input');
  const crp = { apiVersion: 'placement.kubernetes-fleet.io/v1beta1', kind: 'ClusterResourcePlacement', metadata: { name: 'crp' }, spec: { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'app' }], ...(v.policy?.spec ?? {}) } };
  const plan = planKubeFleet([...(v.clusters ?? []).map(kubeFleetVectorMemberCluster), crp], { now: NOW, heartbeatCheckTimeoutSeconds: 24 * 3600, healthCheckTimeoutSeconds: 24 * 3600 });
  const r = plan.placements[0].schedule;
  if (r.rejected || r.error) failures.push(`placement not scheduled: ${r.rejected ?? r.error}`);
  const got = sortedNames(r.selected);
  const want = sortedNames(v.expected ?? []);
  if (show(got) !== show(want)) failures.push(`expected: got ${show(got)}, want ${show(want)} (not selected: ${show(r.notSelected)})`);
}

/**
 * Runs one engines vector and returns its failures (empty = pass). Unknown keys are failures, so a
 * vector is never passed by silently ignoring part of it.
 * @param vector the parsed JSON vector
 */
export function runEnginesVector(vector: unknown): string[] {
  if (typeof vector !== 'object' || vector === null || Array.isArray(vector)) return ['vector is not a JSON object'];
  const v = vector as Json;
  const failures: string[] = [];
  for (const key of Object.keys(v)) if (!VECTOR_KEYS.has(key)) failures.push(`unknown vector key ${show(key)}: the runner would ignore it`);
  if (!('expected' in v)) failures.push('vector has no expected');
  try {
    if (v.engine === 'karmada') runKarmada(v, failures);
    else if (v.engine === 'kubefleet') runKubeFleet(v, failures);
    else failures.push(`unknown engine ${show(v.engine)}`);
  } catch (e) {
    failures.push(`simulator threw: ${(e as Error).message}`);
  }
  return failures;
}
