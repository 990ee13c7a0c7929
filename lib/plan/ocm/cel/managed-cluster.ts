// OCM's ManagedCluster library (`library.ManagedClusterLib(scoreLister)`): the `managedCluster`
// variable (the ManagedCluster as an unstructured map) and `managedCluster.scores(name)`, the
// `{name, value}` items of AddOnPlacementScore `<name>` in the cluster's namespace. Facts:
// open-cluster-management-io/sdk-go pkg/cel/library/managedcluster.go (error texts: "failed to get
// cluster metadata", "failed to get cluster name", "failed to get score: ... not found") and
// pkg/cel/library/cost.go (scores: 10 + 31 per item).
import { CelLibrary, memberOverload } from './decls';
import { T, listOf, mapOf } from './types';
import { CelErr, CelVal, MapVal, actualSize } from './values';

/** Looks up `AddOnPlacementScore/<name>` in namespace `<cluster>`: its scores, or undefined when missing. */
export type ScoreLookup = (cluster: string, name: string) => Readonly<Record<string, number>> | undefined;

/** The ManagedCluster library, reading scores through `lookup`. */
export function managedClusterLib(lookup: ScoreLookup): CelLibrary {
  return {
    name: 'open-cluster-management.managedcluster',
    variables: { managedCluster: mapOf(T.STRING, T.DYN) },
    functions: [
      {
        name: 'scores',
        overloads: [memberOverload('cluster_scores', [T.DYN, T.STRING], listOf(T.DYN), ([cluster, scoreName]) => {
          if (!(cluster instanceof MapVal)) return new CelErr('internal error: managedCluster is not a map');
          const metadata = cluster.get('metadata');
          if (metadata === undefined) return new CelErr('failed to get cluster metadata');
          if (!(metadata instanceof MapVal)) return new CelErr('internal error: metadata is not a map');
          const name = metadata.get('name');
          if (name === undefined) return new CelErr('failed to get cluster name');
          if (typeof name !== 'string') return new CelErr('internal error: metadata.name is not a string');
          const found = lookup(name, scoreName as string);
          if (!found) return new CelErr(`failed to get score: addonplacementscores.cluster.open-cluster-management.io "${String(scoreName)}" not found`);
          return Object.entries(found).map(([n, v]) => new MapVal(new Map<string, CelVal>([['name', n], ['value', BigInt(Math.trunc(v))]])));
        })],
      },
    ],
    costEstimator: (fn, _id, _args, result) => (fn === 'scores' ? 10 + (Array.isArray(result) ? actualSize(result) * 31 : 0) : undefined),
  };
}
