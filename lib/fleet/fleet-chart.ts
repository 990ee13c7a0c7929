import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { PLAN_CONTROL_PLANE_ANNOTATION } from '../core/plan-annotations';
import { requireProps } from '../core/validate';
import { FleetRegistry } from '../ocm/_registry';

/** Kinds in the order a hub should apply them; others follow alphabetically. */
const KIND_ORDER = [
  'Namespace', 'ClusterManager', 'ManagedClusterSet', 'ManagedCluster', 'ManagedClusterSetBinding',
  'Placement', 'AddOnDeploymentConfig', 'ClusterManagementAddOn', 'ManagedClusterAddOn', 'ManagedServiceAccount',
  'ManifestWork', 'ManifestWorkReplicaSet', 'Policy', 'PlacementBinding',
];
const RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

/** Sort key: kind rank, kind, namespace, name. @internal */
export function compareObjects(a: any, b: any): number {
  const ra = RANK.get(a.kind) ?? KIND_ORDER.length;
  const rb = RANK.get(b.kind) ?? KIND_ORDER.length;
  if (ra !== rb) return ra - rb;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  const na = a.metadata?.namespace ?? '';
  const nb = b.metadata?.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata?.name ?? '';
  const mb = b.metadata?.name ?? '';
  if (ma !== mb) return ma < mb ? -1 : 1;
  return a.apiVersion < b.apiVersion ? -1 : a.apiVersion > b.apiVersion ? 1 : 0;
}

/**
 * A cdk8s Chart whose output is ordered by kind, namespace and name, whatever the order of
 * declarations, so the same fleet always synthesizes to byte-identical YAML. It also fails synth
 * when two objects in the app share kind, namespace and name (the second would overwrite the
 * first on the hub).
 */
export class FleetChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    props = requireProps(`FleetChart "${id}"`, props, "{ namespace: 'fleet' }", true);
    super(scope, id, props);
    const registry = FleetRegistry.of(this);
    // Before registering, so duplicates are reported ahead of the app-wide checks.
    this.node.addValidation({
      validate: () => {
        registry.prepare();
        return registry.all('FleetChart')[0] === this ? duplicateObjects(this.node.root) : [];
      },
    });
    registry.register('FleetChart', this);
  }

  /** The chart's objects, ordered by kind, namespace and name (cdk8s validates the app first). */
  public override toJson(): any[] {
    FleetRegistry.of(this).prepare();
    return super.toJson().sort(compareObjects);
  }

  /** The chart's objects, ordered, without the app-wide validation `toJson` runs. @internal */
  public _renderObjects(): any[] {
    FleetRegistry.of(this).prepare();
    return renderChartObjects(this).sort(compareObjects);
  }
}

/** The objects of `chart` (those whose closest chart it is), rendered, in construct order. @internal */
export function renderChartObjects(chart: Chart): any[] {
  const out: any[] = [];
  const visit = (c: Construct): void => {
    if (c !== chart && Chart.isChart(c)) return; // a nested chart renders its own objects
    if (c instanceof ApiObject) out.push(c.toJson());
    for (const child of c.node.children) visit(child as Construct);
  };
  visit(chart);
  return out;
}

/** Messages for objects that share group, kind, namespace and name anywhere in the app. @internal */
export function duplicateObjects(root: Construct): string[] {
  // The first object of each key (its path only when there is a second: paths are not free)
  const seen = new Map<string, ApiObject>();
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const group = c.apiVersion.includes('/') ? c.apiVersion.split('/')[0] : '';
    const ns = c.metadata.namespace ?? '';
    // Objects of other control planes (a Karmada API server, a KubeFleet hub) live elsewhere.
    const plane = controlPlaneOf(c);
    const key = `${plane}|${group}|${c.kind}|${ns}|${c.name}`;
    const prev = seen.get(key);
    if (prev) {
      errors.push(`two objects are ${c.kind} "${ns ? `${ns}/` : ''}${c.name}": ${prev.node.path} and ${c.node.path}; the second would overwrite the first on the hub. Give one of them another name`);
    } else {
      seen.set(key, c);
    }
  }
  return errors;
}

/**
 * The control-plane annotation of `c`, read from the metadata's annotations as declared: rendering
 * the whole metadata (resolve + sanitize) for one plain string is most of the duplicate check on a
 * large fleet. A value that is not a plain string (a token) is rendered the cdk8s way.
 */
function controlPlaneOf(c: ApiObject): string {
  const declared = (c.metadata as unknown as { annotations?: Record<string, unknown> }).annotations;
  if (declared !== null && typeof declared === 'object') {
    const v = declared[PLAN_CONTROL_PLANE_ANNOTATION];
    if (v === undefined) return '';
    if (typeof v === 'string') return v;
  }
  return c.metadata.toJson().annotations?.[PLAN_CONTROL_PLANE_ANNOTATION] ?? '';
}
