import { IConstruct } from 'constructs';
import { Order } from '../core/order';
import { FleetRegistry } from '../ocm/_registry';

/**
 * A SveltosCluster the library predicts will exist on the hub, with the labels a Sveltos
 * clusterSelector will see on it: declared directly (`SveltosCluster`) or written by a controller
 * of a registration chain (clusterinventory-controller, sveltos-ocm-addon).
 * @internal
 */
export interface PredictedSveltosCluster {
  /** The SveltosCluster namespace. */
  readonly namespace: string;
  /** The SveltosCluster name. */
  readonly name: string;
  /** metadata.labels as Sveltos will see them. */
  readonly labels: Readonly<Record<string, string>>;
  /** The declared ManagedCluster (the spoke) behind it, when known. */
  readonly managedCluster?: string;
  /** How it gets there, for messages (e.g. `registration chain "inventory"`). */
  readonly via: string;
}

/**
 * Something that makes SveltosClusters appear on the hub. Registered in the app's FleetRegistry
 * under {@link SOURCE_KIND}; the Sveltos profile checks consult every source.
 * @internal
 */
export interface ISveltosClusterSource extends IConstruct {
  /** The SveltosClusters this source yields, computed at synth (after every declaration). */
  _predictedSveltosClusters(): PredictedSveltosCluster[];
}

/** @internal */
export const SOURCE_KIND = 'SveltosClusterSource';

/** Registers a source of SveltosClusters in the app of `c`. @internal */
export function registerSveltosClusterSource(c: ISveltosClusterSource): void {
  FleetRegistry.of(c).register(SOURCE_KIND, c);
}

/** Every SveltosCluster predicted in the app of `scope`, sorted by namespace and name. @internal */
export function predictedSveltosClusters(scope: IConstruct): { sources: number; clusters: PredictedSveltosCluster[] } {
  const registry = FleetRegistry.of(scope);
  registry.prepare();
  const sources = registry.all<ISveltosClusterSource>(SOURCE_KIND);
  const clusters: PredictedSveltosCluster[] = [];
  for (const s of sources) clusters.push(...s._predictedSveltosClusters());
  clusters.sort((a, b) => Order.strings(a.namespace, b.namespace) || Order.strings(a.name, b.name));
  return { sources: sources.length, clusters };
}

/** String comparison that does not depend on the locale. @internal */

/** Labels Sveltos itself puts on every SveltosCluster once it is ready. @internal */
export const SVELTOS_RUNTIME_LABELS: readonly string[] = ['projectsveltos.io/k8s-version'];
