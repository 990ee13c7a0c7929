import { TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
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
}

/**
 * The hub's own YAML applied through Terraform, for teams without GitOps on the hub: one
 * `kubernetes_manifest` per object of the fleet's Hub (ManagedClusters, sets, bindings,
 * placements, works, add-ons, policies, namespaces), with `${` and `%{` escaped so Terraform
 * writes strings literally; objects in a namespace the Hub declares depend on that Namespace.
 *
 * It is its own stack, planned after the {@link HubStack}: `kubernetes_manifest` reads each
 * kind's schema from the API server at plan time, so the OCM CRDs must exist before this stack is
 * planned. The ClusterManager is left out: the cluster-manager Helm release owns it (with the same
 * feature gates), and a ClusterManagementAddOn an add-on release already creates is refused, as are
 * Secrets (their data would be plain text in the Terraform JSON).
 * Usually created through `new HubStack(..., { applyHubManifests: true })`.
 */
export class HubManifestsStack extends TerraformStack {
  /** The Kubernetes provider for the hub. */
  public readonly kubernetesProvider: KubernetesProvider;
  /** The manifests, keyed by `kind/namespace/name` (or `kind/name`). */
  public readonly objects: ReadonlyMap<string, Manifest>;

  constructor(scope: Construct, id: string, props: HubManifestsStackProps) {
    super(scope, id);
    const subject = `HubManifestsStack "${id}"`;
    const hubStack = props?.hubStack;
    if (!hubStack || !hubStack.hub) fail(subject, 'has no hub: pass hubStack, the HubStack that installs the hub');
    (props.backend ?? hubStack.backend)._bind(this);
    this.addDependency(hubStack);
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', { ...hubStack.kubeconfig._connection(this) });

    const hub = hubStack.hub;
    const problems: string[] = [];
    for (const c of hub.node.findAll()) for (const e of c.node.validate()) problems.push(`[${c.node.path}] ${e}`);
    if (problems.length > 0) fail(subject, `the fleet's Hub does not validate, so its objects cannot be applied:\n  ${problems.join('\n  ')}`);

    const objects = (hub.toJson() as any[]).filter((o) => !(o.kind === 'ClusterManager' && groupOf(o) === 'operator.open-cluster-management.io'));
    const secrets = objects.filter((o) => o.kind === 'Secret' && groupOf(o) === '');
    if (secrets.length > 0) {
      fail(subject, `the Hub declares Secret ${listForHumans(secrets.map(keyOf))}; applying it through Terraform would write its data in plain text into the synthesized JSON and the state; create it from a secret store (or a sensitive variable) instead`);
    }

    const chartOwned = new Map<string, string>([
      ...(hubStack.clusterProxyRelease ? [['cluster-proxy', 'clusterProxy'] as [string, string]] : []),
      ...(hubStack.managedServiceAccountRelease ? [['managed-serviceaccount', 'managedServiceAccount'] as [string, string]] : []),
    ]);
    for (const o of objects) {
      const prop = o.kind === 'ClusterManagementAddOn' ? chartOwned.get(o.metadata?.name) : undefined;
      if (prop) {
        fail(subject, `the Hub declares ClusterManagementAddOn "${o.metadata.name}", which the ${o.metadata.name} Helm release of HubStack "${hubStack.node.id}" already creates (Terraform would fail to create it twice); remove it from the Hub (FleetAddons: declareAddOns: false), or set ${prop}: false on the HubStack and keep the Hub's`);
      }
    }

    const ids = logicalIds(objects);
    const manifests = new Map<string, Manifest>();
    const namespaces = new Map<string, Manifest>();
    objects.forEach((o, i) => {
      // Objects in a namespace the Hub declares wait for it (the Hub orders Namespaces first).
      const ns = o.metadata?.namespace ? namespaces.get(o.metadata.namespace) : undefined;
      const m = new Manifest(this, ids[i], { manifest: escapeTemplatesDeep(o), dependsOn: ns ? [ns] : undefined });
      m.overrideLogicalId(ids[i]);
      manifests.set(keyOf(o), m);
      if (o.kind === 'Namespace' && groupOf(o) === '') namespaces.set(o.metadata.name, m);
    });
    this.objects = manifests;
  }
}

function groupOf(o: any): string {
  const v = String(o.apiVersion ?? '');
  return v.includes('/') ? v.split('/')[0] : '';
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
  const ids = objects.map((o, i) => (counts.get(base[i])! > 1 ? clean(`${groupOf(o) || 'core'}_${base[i]}`).toLowerCase() : base[i]));
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) fail(`Hub object ${keyOf(objects[i])}`, 'is declared twice on the hub; give one of them another name');
    seen.add(id);
  });
  return ids;
}
