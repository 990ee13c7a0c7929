import { validateDnsLabel, validateDnsSubdomain } from '../core/names';

/** apiVersion of SveltosCluster, ClusterSet and Set. */
export const SVELTOS_LIB_API_VERSION = 'lib.projectsveltos.io/v1beta1';
/** apiVersion of ClusterProfile and Profile. */
export const SVELTOS_CONFIG_API_VERSION = 'config.projectsveltos.io/v1beta1';

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
