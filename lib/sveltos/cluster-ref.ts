import { fail } from '../core/errors';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import { SVELTOS_LIB_API_VERSION } from '../core/sveltos';

/** apiVersions of SveltosCluster/ClusterSet/Set and of ClusterProfile/Profile (defined with the plan's Sveltos model). */
export { SVELTOS_LIB_API_VERSION, SVELTOS_CONFIG_API_VERSION } from '../core/sveltos';

/** A cluster a Sveltos profile or set can reference: a SveltosCluster or a Cluster API Cluster. */
export interface IClusterRef {
  /** The cluster object's namespace on the management cluster. */
  readonly namespace: string;
  /** The cluster object's name. */
  readonly name: string;
  /** `lib.projectsveltos.io/v1beta1` or `cluster.x-k8s.io/<version>`. */
  readonly clusterApiVersion: string;
  /** `SveltosCluster` or `Cluster`. */
  readonly clusterKind: string;
}

/** References to clusters managed elsewhere (nothing is emitted for them). */
export class ClusterRef {
  /** A SveltosCluster by namespace and name. */
  public static sveltosCluster(namespace: string, name: string): IClusterRef {
    validateDnsLabel(`SveltosCluster "${namespace}/${name}"`, 'namespace', namespace);
    validateDnsSubdomain(`SveltosCluster "${namespace}/${name}"`, 'name', name);
    return new ClusterRef(namespace, name, SVELTOS_LIB_API_VERSION, 'SveltosCluster');
  }

  /**
   * A Cluster API Cluster by namespace and name.
   * @param version the cluster.x-k8s.io version libsveltos reads (v1beta2 at the reference commit)
   */
  public static capiCluster(namespace: string, name: string, version = 'v1beta2'): IClusterRef {
    validateDnsLabel(`Cluster "${namespace}/${name}"`, 'namespace', namespace);
    validateDnsSubdomain(`Cluster "${namespace}/${name}"`, 'name', name);
    return new ClusterRef(namespace, name, `cluster.x-k8s.io/${version}`, 'Cluster');
  }

  private constructor(
    /** The namespace. */
    public readonly namespace: string,
    /** The name. */
    public readonly name: string,
    /** The apiVersion. */
    public readonly clusterApiVersion: string,
    /** The kind. */
    public readonly clusterKind: string,
  ) {}
}

/** The reference in the API shape profiles and sets render. @internal */
export function renderClusterRef(c: IClusterRef): { apiVersion: string; kind: string; namespace: string; name: string } {
  return { apiVersion: c.clusterApiVersion, kind: c.clusterKind, namespace: c.namespace, name: c.name };
}

/**
 * Throws unless `ref` is a cluster reference a Sveltos profile or set can hold, with a pointer to
 * the right construct for the usual mistakes (nothing, a ManagedCluster, a name).
 * @internal
 */
export function validateClusterRef(subject: string, ref: unknown): asserts ref is IClusterRef {
  const r = ref as (Partial<IClusterRef> & { readonly taints?: unknown; readonly claims?: unknown }) | undefined;
  if (r && typeof r === 'object' && !r.clusterKind && 'taints' in r && 'claims' in r) {
    fail(subject, `clusterRef ManagedCluster "${r.name}" is an OCM cluster, not a cluster Sveltos programs; reference the SveltosCluster that stands for it: registrationChain.sveltosClusterRef(cluster), SveltosCluster.fromName(namespace, "${r.name}") or a declared SveltosCluster`);
  }
  if (typeof ref === 'string') {
    fail(subject, `clusterRef ${JSON.stringify(ref)} is a bare name; Sveltos needs the cluster's namespace, name, apiVersion and kind. Use SveltosCluster.fromName(namespace, ${JSON.stringify(ref)}) or ClusterRef.capiCluster(namespace, ${JSON.stringify(ref)})`);
  }
  if (!r || typeof r !== 'object' || !r.namespace || !r.name || !r.clusterApiVersion || !r.clusterKind) {
    fail(subject, `a clusterRef needs namespace, name, apiVersion and kind, got ${r && typeof r === 'object' ? `{ ${Object.keys(r).sort().join(', ')} }` : String(r)}; use a SveltosCluster, SveltosCluster.fromName(namespace, name) or ClusterRef.capiCluster(namespace, name)`);
  }
}
