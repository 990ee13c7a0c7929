import { apiGroupOf } from '../core/kinds';
import { IResolvable, IResolveContext, TerraformStack, Token } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { Order } from '../core/order';
import { escapeTemplatesDeep, listForHumans } from './_util';
import type { Backend } from './backend';
import type { HubStack } from './hub-stack';

/** Props of {@link HubManifestsStack}. */
export interface HubManifestsStackProps {
  /** The hub stack whose fleet declaration is applied (and that installs the CRDs first). */
  readonly hubStack: HubStack;
  /**
   * Where this stack's state lives.
   * @default - the hub stack's backend
   */
  readonly backend?: Backend;
  /**
   * API groups whose CRDs something other than the hub stack installs before this stack is
   * planned (e.g. `'sveltos.open-cluster-management.io'`); objects of other groups whose CRD the
   * hub stack does not install are refused.
   * @default - none
   */
  readonly preinstalledApiGroups?: string[];
}

/**
 * The hub's own YAML applied through Terraform, for teams without GitOps on the hub: one
 * `kubernetes_manifest` per object of the fleet's Hub (ManagedClusters, sets, bindings,
 * placements, works, add-ons, policies, namespaces), with `${` and `%{` escaped so Terraform
 * writes strings literally; objects in a namespace the Hub declares depend on that Namespace.
 *
 * Left out: the ClusterManager (the cluster-manager Helm release owns it, with the same feature
 * gates) and the Namespaces the hub stack's releases create (`open-cluster-management`,
 * `projectsveltos`, `open-cluster-management-addon`; labels the Hub gives them are not applied,
 * see `warnings`). Refused: Secrets (their data would be plain text in the Terraform JSON), a
 * ClusterManagementAddOn an add-on release already creates (checked by the HubStack), and objects
 * whose CRD nothing installs before this stack is planned.
 *
 * One resource is created per object when the stack is created; each object's content is read
 * from the Hub at synth, and synth fails, naming them, when objects were added to or removed from
 * the Hub after this stack was created.
 *
 * **Deploy it in a second step.** `kubernetes_manifest` reads each kind's schema from the API
 * server when the stack is planned, and the OCM operator installs the hub CRDs (ManagedCluster,
 * Placement, ManifestWork, ...) asynchronously, after the cluster-manager release is ready. The
 * Kubernetes provider cannot wait on the ClusterManager the chart owns, so wait between the stacks:
 *
 * ```sh
 * cdktf deploy hub
 * kubectl wait --for=condition=Applied clustermanager/cluster-manager --timeout=10m   # output hub_ready_command
 * cdktf deploy hub-manifests 'spoke-*'
 * ```
 *
 * Usually created through `new HubStack(..., { applyHubManifests: true })`.
 */
export class HubManifestsStack extends TerraformStack {
  /** The Kubernetes provider for the hub. */
  public readonly kubernetesProvider: KubernetesProvider;
  /** The manifests, keyed by `kind/namespace/name` (or `kind/name`). */
  public readonly objects: ReadonlyMap<string, Manifest>;
  private readonly hubStack: HubStack;
  private readonly subject: string;
  private readonly preinstalled: ReadonlySet<string>;
  private readonly declared: ReadonlyMap<string, any>;
  /** The Hub's objects and problems for the synth pass under way (prepare, validate, write). */
  private pass?: { objects: Map<string, any>; problems?: string[] };

  constructor(scope: Construct, id: string, props: HubManifestsStackProps) {
    super(scope, id);
    const subject = `HubManifestsStack "${id}"`;
    const hubStack = props?.hubStack;
    if (!hubStack || !hubStack.hub) fail(subject, 'has no hub: pass hubStack, the HubStack that installs the hub');
    const preinstalled = props.preinstalledApiGroups ?? [];
    if (!Array.isArray(preinstalled) || preinstalled.some((g) => typeof g !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(g))) {
      fail(subject, `preinstalledApiGroups must be a list of API group names such as "sveltos.open-cluster-management.io", got ${JSON.stringify(preinstalled)}`);
    }
    this.subject = subject;
    this.hubStack = hubStack;
    this.preinstalled = new Set(preinstalled);
    (props.backend ?? hubStack.backend)._bind(this);
    this.addDependency(hubStack);
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', { ...hubStack.kubeconfig._connection(this) });

    const objects = this.applicable(hubStack.hub.toJson() as any[]);
    const problems = this.check(objects);
    if (problems.length > 0) fail(subject, problems.join('; '));
    this.declared = new Map(objects.map((o) => [idOf(o), o]));

    const ids = logicalIds(objects);
    const manifests = new Map<string, Manifest>();
    const namespaces = new Map<string, Manifest>();
    objects.forEach((o, i) => {
      const key = idOf(o);
      // Objects in a namespace the Hub declares wait for it (the Hub orders Namespaces first).
      const ns = o.metadata?.namespace ? namespaces.get(o.metadata.namespace) : undefined;
      const content = new ReadAtSynth(() => escapeTemplatesDeep(this.objectsNow().get(key) ?? o)) as unknown as Record<string, any>;
      const m = new Manifest(this, ids[i], { manifest: content, dependsOn: ns ? [ns] : undefined });
      m.overrideLogicalId(ids[i]);
      manifests.set(keyOf(o), m);
      if (o.kind === 'Namespace' && apiGroupOf(o.apiVersion) === '') namespaces.set(o.metadata.name, m);
    });
    this.objects = manifests;
    this.node.addValidation({ validate: () => this.problems().map((p) => `${subject}: ${p}`) });
  }

  /** Risks that are not errors: labels or annotations of a Namespace a Helm release creates, which are not applied. */
  public get warnings(): string[] {
    const owners = this.hubStack._releaseNamespaces();
    const out: string[] = [];
    for (const o of this.hubStack.hub.toJson() as any[]) {
      if (o.kind !== 'Namespace' || apiGroupOf(o.apiVersion) !== '' || !owners.has(o.metadata?.name)) continue;
      const meta = { ...(o.metadata.labels ? { labels: o.metadata.labels } : {}), ...(o.metadata.annotations ? { annotations: o.metadata.annotations } : {}) };
      if (Object.keys(meta).length === 0) continue;
      out.push(`Namespace "${o.metadata.name}" is created by the ${owners.get(o.metadata.name)} Helm release, so this stack does not apply the Hub's Namespace object and its ${Object.keys(meta).join(' and ')} (${JSON.stringify(meta)}) are not set; set them another way or use a namespace of your own`);
    }
    return out;
  }

  /** Starts a synth pass: the Hub is read once, then shared by validation and writing. */
  public prepareStack(): void {
    this.pass = undefined;
    super.prepareStack();
  }

  /** The stack as Terraform JSON, with each object as the Hub declares it now; fails when the Hub changed shape. */
  public toTerraform(): any {
    try {
      const problems = this.problems();
      if (problems.length > 0) fail(this.subject, problems.join('\n  '));
      return super.toTerraform();
    } finally {
      this.pass = undefined; // the next synth reads the Hub again
    }
  }

  /** The objects the Hub declares now, by identity (read once per synth pass). */
  private objectsNow(): Map<string, any> {
    if (!this.pass) this.pass = { objects: new Map(this.applicable(this.hubStack.hub.toJson() as any[]).map((o) => [idOf(o), o])) };
    return this.pass.objects;
  }

  /** The Hub's objects this stack applies: not the ClusterManager, not the Namespaces the releases create. */
  private applicable(all: any[]): any[] {
    const owned = this.hubStack._releaseNamespaces();
    return all.filter((o) => {
      if (o.kind === 'ClusterManager' && apiGroupOf(o.apiVersion) === 'operator.open-cluster-management.io') return false;
      if (o.kind === 'Namespace' && apiGroupOf(o.apiVersion) === '' && owned.has(o.metadata?.name)) return false;
      return true;
    });
  }

  /** What the Hub (as it is now) has that this stack cannot apply (once per synth pass). */
  private problems(): string[] {
    const pass = this.pass;
    if (pass?.problems) return pass.problems;
    const problems = this.findProblems();
    if (this.pass) this.pass.problems = problems;
    return problems;
  }

  private findProblems(): string[] {
    const hub = this.hubStack.hub;
    const invalid: string[] = [];
    for (const c of hub.node.findAll()) for (const e of c.node.validate()) invalid.push(`[${c.node.path}] ${e}`);
    if (invalid.length > 0) return [`the fleet's Hub does not validate, so its objects cannot be applied:\n  ${invalid.join('\n  ')}`];
    const now = this.objectsNow();
    const out: string[] = [];
    const added = [...now.keys()].filter((k) => !this.declared.has(k)).map((k) => keyOf(now.get(k))).sort();
    const removed = [...this.declared.keys()].filter((k) => !now.has(k)).map((k) => keyOf(this.declared.get(k))).sort();
    if (added.length > 0 || removed.length > 0) {
      const parts = [added.length > 0 && `added ${listForHumans(added)}`, removed.length > 0 && `removed ${listForHumans(removed)}`].filter(Boolean);
      out.push(`the Hub changed after this stack was created (${parts.join('; ')}), and this stack has one resource per object it saw then; create the HubStack after the fleet is fully declared`);
    }
    out.push(...this.check([...now.values()]));
    return out;
  }

  /** Secrets, and objects whose CRD is installed by nothing before this stack is planned. */
  private check(objects: any[]): string[] {
    const out: string[] = [];
    const secrets = objects.filter((o) => o.kind === 'Secret' && apiGroupOf(o.apiVersion) === '');
    if (secrets.length > 0) {
      out.push(`the Hub declares Secret ${listForHumans(secrets.map(keyOf))}; applying it through Terraform would write its data in plain text into the synthesized JSON and the state; create it from a secret store (or a sensitive variable) instead`);
    }
    const installed = this.hubStack._crdGroups();
    const uninstalled = new Map<string, string[]>();
    for (const o of objects) {
      const g = apiGroupOf(o.apiVersion);
      if (BUILT_IN_GROUPS.has(g) || installed.has(g) || this.preinstalled.has(g)) continue;
      uninstalled.set(g, [...(uninstalled.get(g) ?? []), keyOf(o)]);
    }
    for (const [g, keys] of [...uninstalled].sort(([a], [b]) => Order.strings(a, b))) {
      out.push(`the Hub declares ${listForHumans(keys, 3)} (API group ${g}), whose CRD no release of HubStack "${this.hubStack.node.id}" installs, and kubernetes_manifest needs the CRD when this stack is planned; ${CRD_HINTS[g] ?? 'install that CRD first'}, then list the group in preinstalledApiGroups: ["${g}"]${CRD_FIXES[g] ? `, or ${CRD_FIXES[g]}` : ''}`);
    }
    return out;
  }
}

/**
 * A manifest produced from the Hub when the stack is resolved. A plain IResolvable rather than a
 * cdktf Lazy, which captures a full stack trace per token (thousands of objects on a large hub).
 */
class ReadAtSynth implements IResolvable {
  public readonly creationStack: string[] = [];
  constructor(private readonly produce: () => unknown) {}

  public resolve(_context: IResolveContext): unknown {
    return this.produce();
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** Groups every Kubernetes API server serves without a CRD. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'storage.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io',
  'certificates.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'node.k8s.io', 'flowcontrol.apiserver.k8s.io',
]);

/** How to install the CRD of a group the hub stack does not install. */
const CRD_HINTS: Record<string, string> = {
  'sveltos.open-cluster-management.io': 'install sveltos-ocm-addon\'s SveltosOCMCluster CRD first (make install in guilhem/sveltos-ocm-addon; it has no Helm chart)',
  'policy.open-cluster-management.io': 'install the OCM governance policy framework first (clusteradm install hub-addon --names governance-policy-framework)',
  'multicluster.x-k8s.io': 'enable FeatureGate.CLUSTER_PROFILE on the Hub (the OCM operator then installs the ClusterProfile CRD)',
  'config.projectsveltos.io': 'install Sveltos first',
  'lib.projectsveltos.io': 'install Sveltos first',
  'proxy.open-cluster-management.io': 'install cluster-proxy first',
  'authentication.open-cluster-management.io': 'install managed-serviceaccount first',
};

/** The in-stack alternative, when there is one. */
const CRD_FIXES: Record<string, string> = {
  'config.projectsveltos.io': 'set sveltos: true on the HubStack',
  'lib.projectsveltos.io': 'set sveltos: true on the HubStack',
  'proxy.open-cluster-management.io': 'set clusterProxy: true on the HubStack',
  'authentication.open-cluster-management.io': 'set managedServiceAccount: true on the HubStack',
};

/** The identity of an object: API group, kind, namespace and name. */
function idOf(o: any): string {
  return `${apiGroupOf(o.apiVersion)}/${keyOf(o)}`;
}

function keyOf(o: any): string {
  return `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

/** Readable, stable resource names: `kind_namespace_name`, with the API group added where two kinds share a name. */
function logicalIds(objects: any[]): string[] {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  const base = objects.map((o) => clean(`${o.kind}_${o.metadata?.namespace ? `${o.metadata.namespace}_` : ''}${o.metadata?.name}`).toLowerCase());
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  const ids = objects.map((o, i) => (counts.get(base[i])! > 1 ? clean(`${apiGroupOf(o.apiVersion) || 'core'}_${base[i]}`).toLowerCase() : base[i]));
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) fail(`Hub object ${keyOf(objects[i])}`, 'is declared twice on the hub; give one of them another name');
    seen.add(id);
  });
  return ids;
}
