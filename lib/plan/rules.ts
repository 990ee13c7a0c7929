// The rule pack: advisory checks with stable ids, a reason and a fix. Not errors: a finding can
// be acknowledged per object with a mandatory reason, through the annotation
// `ack.cdk-fleet.io/<RULE-ID>: <reason>` (what `acknowledge()` in lib/fleet writes).
import type { FleetPlan, PlanContext } from './fleet-plan';

/** Annotation prefix that acknowledges a rule on an object: `ack.cdk-fleet.io/FLEET003: "<reason>"`. */
export const ACK_ANNOTATION_PREFIX = 'ack.cdk-fleet.io/';

/** A rule of the pack. */
export interface Rule {
  /** Stable id, e.g. `FLEET001`. */
  readonly id: string;
  /** Short name. */
  readonly name: string;
  /** What it checks. */
  readonly description: string;
}

/** One finding. */
export interface Finding {
  /** Rule id. */
  readonly id: string;
  /** Rule name. */
  readonly rule: string;
  /** The object it is about: `Placement ns/name`, `ManagedCluster name`, ... */
  readonly subject: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The acknowledgement reason, when the object acknowledges the rule. */
  readonly acknowledged?: string;
}

/** Every rule, in id order. */
export const RULES: readonly Rule[] = [
  { id: 'FLEET001', name: 'placement-selects-nothing', description: 'A Placement selects no declared cluster.' },
  { id: 'FLEET002', name: 'profile-selects-nothing', description: 'A Sveltos ClusterProfile or Profile deploys to no declared cluster.' },
  { id: 'FLEET003', name: 'production-rollout-all', description: 'Production clusters are updated all at once (rollout type All).' },
  { id: 'FLEET004', name: 'cluster-without-addons', description: 'A cluster that no add-on profile selects.' },
  { id: 'FLEET005', name: 'missing-base-addon', description: 'A cluster misses an add-on that every other cluster gets.' },
  { id: 'FLEET006', name: 'new-clusters-invisible', description: 'New or disconnected clusters carry the automatic unreachable:NoSelect taint and are invisible to placements that do not tolerate it.' },
  { id: 'FLEET007', name: 'registration-chain-gap', description: 'A cluster is not visible to Sveltos the way the fleet expects (not registered, registered twice, a chain missing its gate, an over-privileged bridge).' },
  { id: 'FLEET008', name: 'placement-misconfigured', description: 'The scheduler would mark a Placement Misconfigured or fail on it (hand-written YAML).' },
  { id: 'FLEET009', name: 'profile-conflict', description: 'Two Sveltos profiles of equal tier deploy the same Helm release or resource to a cluster, or a dependsOn is blocked.' },
];

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));
const PRODUCTION = new Set(['production', 'prod']);
const UNREACHABLE_TAINT = 'cluster.open-cluster-management.io/unreachable';

type Obj = Record<string, any>;

/** Evaluates every rule on a plan. Findings are sorted by id then subject. */
export function evaluateRules(plan: Omit<FleetPlan, 'findings'>, ctx: PlanContext): Finding[] {
  const acks = new Map<string, Record<string, string>>();
  for (const o of ctx.objects) {
    const ann = o.metadata?.annotations ?? {};
    const mine: Record<string, string> = {};
    for (const [k, v] of Object.entries(ann)) if (k.startsWith(ACK_ANNOTATION_PREFIX) && typeof v === 'string' && v.trim()) mine[k.slice(ACK_ANNOTATION_PREFIX.length)] = v;
    if (Object.keys(mine).length) acks.set(subjectOf(o), mine);
  }
  const findings: Finding[] = [];
  const add = (id: string, subject: string, message: string, fix: string) => {
    const ack = acks.get(subject)?.[id];
    findings.push({ id, rule: RULE_BY_ID.get(id)!.name, subject, message, fix, ...(ack ? { acknowledged: ack } : {}) });
  };
  const clusterLabels = new Map(plan.clusters.map((c) => [c.name, c.labels]));
  const isProd = (c: string) => PRODUCTION.has(clusterLabels.get(c)?.env ?? '');
  const hubNames = new Set(ctx.hub.clusters.map((h) => h.name));
  const declared = plan.clusters.filter((c) => hubNames.has(c.name));

  // FLEET001 / FLEET008: placements.
  for (const p of plan.placements) {
    const r = ctx.placements.get(p.id)!;
    if (r.misconfigured || r.error) {
      add('FLEET008', `Placement ${p.id}`, `the scheduler would ${r.error ? `fail: ${r.error}` : `mark it Misconfigured (${r.misconfiguredMessage}) and write no decisions`}`, 'fix the placement spec; cdk-fleet constructs reject these inputs at synth');
    } else if (p.selected.length === 0) {
      const why = r.satisfied?.reason === 'NoManagedClusterSetBindings' ? `namespace ${r.namespace} has no ManagedClusterSetBinding whose ManagedClusterSet exists`
        : r.satisfied?.reason === 'NoIntersection' ? `none of its clusterSets is bound to namespace ${r.namespace} (bound: ${r.boundClusterSets.join(', ') || 'none'})`
          : r.satisfied?.reason === 'AllManagedClusterSetsEmpty' ? `the eligible sets (${r.eligibleClusterSets.join(', ')}) have no member`
            : 'no available cluster passes its predicates and tolerations';
      add('FLEET001', `Placement ${p.id}`, `selects no declared cluster: ${why}`, 'check the selector against the cluster labels in the plan, bind a set into the namespace, or remove the placement');
    }
  }

  // FLEET002 / FLEET009: Sveltos profiles.
  for (const w of plan.workloads) {
    if ((w.kind === 'ClusterProfile' || w.kind === 'Profile') && w.targets.length === 0) {
      add('FLEET002', w.id, 'deploys to no cluster: its clusterSelector, clusterRefs and setRefs match no registered, ready cluster', 'compare the selector with the labels the registration chain puts on SveltosClusters (see each cluster\'s "not deployed by" reasons)');
    }
  }
  for (const c of ctx.rollout.conflicts) {
    // A strictly lower tier winning is Sveltos' override mechanism, working as intended.
    if (c.winner) continue;
    add('FLEET009', profileLabel(c.profiles[c.profiles.length - 1]), c.message, 'give one profile a lower tier (it then owns the release/resource), or stop deploying it twice');
  }
  for (const b of ctx.rollout.blocked) {
    add('FLEET009', profileLabel(b.profile), `blocked on ${b.clusterKey}: ${b.reason}`, 'fix the dependsOn chain so every prerequisite deploys to the cluster');
  }

  // FLEET003: every production cluster of a workload updated in one wave (rollout All, Progressive
  // without maxConcurrency, one decision group, a profile without maxUpdate, ...).
  for (const w of plan.workloads) {
    // Policies apply at once by design, a ManifestWork has one cluster, and an add-on installs on
    // the union of its placements at once: none of them has a rollout to pace.
    if (w.kind === 'Policy' || w.kind === 'ManifestWork' || w.kind === 'ClusterManagementAddOn') continue;
    const prod = w.targets.filter(isProd);
    if (prod.length < 2) continue;
    for (const wave of w.waves) {
      const inWave = wave.clusters.filter(isProd);
      if (inWave.length === prod.length) {
        const how = w.kind === 'ClusterProfile' || w.kind === 'Profile' ? 'no maxUpdate limits it' : `rollout ${w.rollout}, wave ${wave.wave} (${wave.label})`;
        add('FLEET003', w.id, `updates all ${prod.length} production clusters (${prod.slice(0, 5).join(', ')}${prod.length > 5 ? ', ...' : ''}) at once: ${how}`,
          w.kind === 'ClusterProfile' || w.kind === 'Profile' ? 'set maxUpdate (e.g. PercentOrAbsolute.percent(25)) on the profile' : 'use Rollout.progressivePerGroup() with a canary decision group, or Rollout.progressive({ maxConcurrency })');
        break;
      }
    }
  }

  // FLEET004 / FLEET005: add-on coverage, only when the fleet has Sveltos profiles.
  const profiles = plan.workloads.filter((w) => w.kind === 'ClusterProfile' || w.kind === 'Profile');
  if (profiles.length > 0) {
    for (const c of declared) {
      if (c.profiles.length === 0) {
        add('FLEET004', `ManagedCluster ${c.name}`, 'no add-on profile selects this cluster', `label it so a profile matches, or acknowledge with a reason (${c.notDeployedBy[0] ? `first reason: ${c.notDeployedBy[0].subject}: ${c.notDeployedBy[0].reason}` : 'no profile'})`);
      }
    }
  }
  const addons = plan.workloads.filter((w) => w.isAddOn);
  if (declared.length >= 3) {
    for (const a of addons) {
      const targets = new Set(a.targets);
      const missing = declared.filter((c) => !targets.has(c.name));
      if (missing.length === 1) {
        add('FLEET005', `ManagedCluster ${missing[0].name}`, `misses ${a.id}, which every other cluster (${declared.length - 1}) gets`, 'check its labels against the add-on\'s selector, or acknowledge why this cluster is different');
      }
    }
  }

  // FLEET006: new or disconnected clusters invisible to placements.
  if (ctx.inventoryGiven) {
    for (const p of plan.placements) {
      const r = ctx.placements.get(p.id)!;
      const hidden: string[] = [];
      for (const [cluster, reason] of Object.entries(r.notSelected)) {
        if (reason.includes(UNREACHABLE_TAINT)) hidden.push(cluster);
      }
      if (hidden.length) {
        const names = hidden.sort();
        add('FLEET006', `Placement ${p.id}`, `${names.length === 1 ? `cluster ${names[0]} is` : `clusters ${names.join(', ')} are`} new or not reporting Available and carry ${UNREACHABLE_TAINT}:NoSelect, so this placement cannot select them until they report`, `expected while clusters join; to deploy to joining clusters add a toleration { key: '${UNREACHABLE_TAINT}', operator: Exists }`);
      }
    }
  }

  // FLEET007: registration-chain gaps.
  if (profiles.length > 0) {
    const registered = new Map<string, string[]>();
    for (const [key, name] of ctx.clusterOfKey) {
      if (!registered.has(name)) registered.set(name, []);
      registered.get(name)!.push(key);
    }
    for (const c of declared) {
      if ((registered.get(c.name) ?? []).length === 0) {
        add('FLEET007', `ManagedCluster ${c.name}`, 'is not registered with Sveltos: no SveltosCluster, inventory ClusterProfile or sveltos-ocm-addon covers it, so no profile can reach it', 'choose a registration chain for it (RegistrationChain.inventory() binds its set into the inventory namespace)');
      }
    }
    for (const p of ctx.selection.profiles) {
      const byCluster = new Map<string, string[]>();
      for (const s of p.clusterSummaries) {
        const name = ctx.clusterOfKey.get(s.clusterKey) ?? s.clusterName;
        if (!byCluster.has(name)) byCluster.set(name, []);
        byCluster.get(name)!.push(s.clusterKey);
      }
      for (const [name, keys] of byCluster) {
        if (keys.length > 1) {
          add('FLEET007', profileLabel(p.key), `reaches cluster ${name} ${keys.length} times (${keys.sort().join(', ')}): the spoke is registered with Sveltos more than once and the selector matches every copy, so everything is deployed twice`, 'select on labels only the fleet\'s own registration carries (e.g. env), not on OCM\'s cluster-name or clusterset labels, or bind the set into fewer namespaces');
        }
      }
    }
  }
  const gate = ctx.objects.some((o) => o.kind === 'ClusterManager' && (o.spec?.registrationConfiguration?.featureGates ?? []).some((g: Obj) => g.feature === 'ClusterProfile' && g.mode === 'Enable'));
  if (!gate && ctx.objects.some((o) => o.kind === 'ClusterProfile' && String(o.apiVersion).startsWith('multicluster.x-k8s.io/'))) {
    const cm = ctx.objects.find((o) => o.kind === 'ClusterManager');
    add('FLEET007', cm ? subjectOf(cm) : 'ClusterManager (none declared)', 'inventory ClusterProfiles are declared but no ClusterManager enables the ClusterProfile gate, so OCM never fills their status', 'enable FeatureGate.CLUSTER_PROFILE on the ClusterManager');
  }
  for (const o of ctx.objects) {
    if (o.kind === 'SveltosOCMCluster') {
      add('FLEET007', subjectOf(o), 'sveltos-ocm-addon grants */*/* on every selected spoke to its service account, and its label sync never removes labels (a label removed from a ManagedCluster stays on the SveltosCluster)', 'prefer the SIG inventory chain; if you keep the bridge, acknowledge it with the reason');
    }
  }

  return findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.message < b.message ? -1 : 1));
}

/** `Kind ns/name` or `Kind name`, the subject used in findings. */
export function subjectOf(o: Obj): string {
  return `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

/** `ClusterProfile/name` → `ClusterProfile name`; `Profile/ns/name` → `Profile ns/name`. */
export function profileLabel(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : `${key.slice(0, i)} ${key.slice(i + 1)}`;
}
