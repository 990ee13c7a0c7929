import { TerraformOutput, TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { Order } from '../core/order';
import { requireOptionalBoolean, requireOptionalInstance } from '../core/validate';
import { dnsLabelProblem, labelKeyProblem, sortedRecord } from '../core/names';
import type { HubClusterFacts } from '../fleet/hub-facts';
import { helmValues, listForHumans } from './_util';
import { Backend } from './backend';
import { HubStack } from './hub-stack';
import { ClusterConnection, KubeconfigSource } from './kubeconfig-source';
import { PinnedChart } from './pinned-chart';

/**
 * How the spokes of a fleet are split into stacks, each a blast-radius unit: a `cdktf deploy` or
 * `destroy` of one stack touches only its spokes, and its state holds only their resources.
 * Every grouping is stable: adding a cluster never moves another cluster to another stack (which
 * would make Terraform uninstall its klusterlet in one stack and reinstall it in another).
 */
export class SpokeGrouping {
  /** One stack per spoke, `<prefix>-<cluster>` (the default). The smallest blast radius. */
  public static perCluster(): SpokeGrouping {
    return new SpokeGrouping('one stack per cluster', (c) => c.name);
  }

  /**
   * One stack per value of a label, `<prefix>-<value>` (e.g. `byLabel('dc')` gives one stack per
   * data centre). Every spoke must carry the label. The value is lower-cased and every character
   * other than a letter, digit or `-` becomes `-`; two values that become the same stack id (e.g.
   * `DC_1` and `dc-1`) are refused rather than merged into one stack.
   */
  public static byLabel(key: string): SpokeGrouping {
    const p = labelKeyProblem(key);
    if (p) fail('SpokeGrouping.byLabel', `label key ${JSON.stringify(key)} is invalid: it ${p}`);
    const valueOf = (c: HubClusterFacts): string => {
      const v = c.labels[key];
      if (!v) fail(`ManagedCluster "${c.name}"`, `has no label ${key}, so SpokeGrouping.byLabel("${key}") cannot place it in a spoke stack; add the label on the Hub or group differently`);
      return v;
    };
    return new SpokeGrouping(`one stack per value of label ${key}`, (c) => valueOf(c).toLowerCase().replace(/[^a-z0-9-]/g, '-'), (c) => `label ${key}=${valueOf(c)}`);
  }

  /**
   * A fixed number of stacks, `<prefix>-00` ... : a spoke goes to the bucket its name hashes to
   * (FNV-1a), so about `clusters / count` spokes share a stack and a spoke never changes bucket
   * while `count` stays the same. Pick `count` for the stack size you want, e.g. 50 buckets for
   * 1,000 spokes gives about 20 spokes per stack.
   */
  public static hashBuckets(count: number): SpokeGrouping {
    if (!Number.isInteger(count) || count < 1 || count > 10000) {
      fail('SpokeGrouping.hashBuckets', `count ${count} must be a whole number from 1 to 10000 (the number of spoke stacks)`);
    }
    const width = String(count - 1).length < 2 ? 2 : String(count - 1).length;
    return new SpokeGrouping(`${count} hash buckets`, (c) => String(fnv1a(c.name) % count).padStart(width, '0'));
  }

  private constructor(
    /** A human description. */
    public readonly description: string,
    private readonly keyOf: (cluster: HubClusterFacts) => string,
    private readonly sourceOf?: (cluster: HubClusterFacts) => string,
  ) {}

  /** The group key (the stack id suffix) of `cluster`. @internal */
  public _key(cluster: HubClusterFacts): string {
    return this.keyOf(cluster);
  }

  /**
   * What the key of `cluster` was derived from (e.g. `label dc=DC_1`), when two different sources
   * must not share a key; undefined when sharing is the point (hash buckets). @internal
   */
  public _source(cluster: HubClusterFacts): string | undefined {
    return this.sourceOf?.(cluster);
  }
}

/** Options shared by {@link SpokeStack} and {@link SpokeStack.forHub}. */
export interface SpokeOptions {
  /**
   * How Terraform reaches each spoke's API server, by cluster name. Every spoke needs one.
   * Shared kubeconfigs are fine, e.g. `KubeconfigSource.file('~/.kube/config', name)` per cluster.
   */
  readonly kubeconfigs: Record<string, KubeconfigSource>;
  /**
   * Where the state lives.
   * @default - the hub stack's backend
   */
  readonly backend?: Backend;
  /**
   * The klusterlet chart.
   * @default PinnedChart.OCM_KLUSTERLET
   */
  readonly klusterletChart?: PinnedChart;
  /**
   * Write the cluster's declared labels into the Klusterlet's `registrationConfiguration.clusterLabels`,
   * so a ManagedCluster the agent creates itself (no GitOps on the hub yet) starts with them.
   * @default true
   */
  readonly stampClusterLabels?: boolean;
}

/** Props of {@link SpokeStack}. */
export interface SpokeStackProps extends SpokeOptions {
  /** The hub stack the spokes join (its outputs build their bootstrap kubeconfig). */
  readonly hub: HubStack;
  /** The spokes of this stack: clusters declared on the fleet's Hub (`hub.cluster('prod-eu-1')`, or entries of `hub.facts().clusters`). */
  readonly clusters: readonly HubClusterFacts[];
}

/** Options of {@link SpokeStack.forHub}. */
export interface SpokeStacksOptions extends SpokeOptions {
  /**
   * How the spokes are split into stacks.
   * @default SpokeGrouping.perCluster()
   */
  readonly grouping?: SpokeGrouping;
  /**
   * Prefix of the stack ids.
   * @default 'spoke'
   */
  readonly stackIdPrefix?: string;
  /**
   * The spokes to join: clusters declared on the fleet's Hub (`hub.cluster('prod-eu-1')`, or entries of `hub.facts().clusters`).
   * @default - every cluster declared on the hub
   */
  readonly clusters?: readonly HubClusterFacts[];
}

/**
 * Spoke join as a Terraform stack — what `clusteradm join` does, declaratively, for one or more
 * managed clusters: per spoke an aliased Helm provider (alias = cluster name) and the klusterlet
 * release, with the cluster name and a bootstrap hub kubeconfig read from the {@link HubStack}
 * through a cross-stack reference (passed as a sensitive value, never in plain values). The hub
 * accepts the spoke by itself with `ClusterAcceptance.autoApproval()`; otherwise the stack outputs
 * the `clusteradm accept` command.
 */
export class SpokeStack extends TerraformStack {
  /**
   * One spoke stack per group of the hub's clusters (by default one per cluster), in a stable
   * order. Checks that every cluster has a kubeconfig source and that no source names a cluster
   * the hub does not declare.
   */
  public static forHub(scope: Construct, hub: HubStack, options: SpokeStacksOptions): SpokeStack[] {
    if (!(hub instanceof HubStack)) fail('SpokeStack.forHub', 'has no hub: pass the HubStack the spokes join');
    if (!options || typeof options.kubeconfigs !== 'object' || options.kubeconfigs === null) {
      fail('SpokeStack.forHub', 'needs kubeconfigs: a KubeconfigSource per cluster name, e.g. { "prod-eu-1": KubeconfigSource.file("~/.kube/config", "prod-eu-1") }');
    }
    const declared = hub._declaredClusters();
    const clusters = [...(options.clusters ?? declared.values())];
    const unknown = Object.keys(options.kubeconfigs).filter((n) => !declared.has(n)).sort();
    if (unknown.length > 0) {
      fail('SpokeStack.forHub', `kubeconfigs name ${unknown.length === 1 ? 'a cluster' : 'clusters'} the hub does not declare: ${listForHumans(unknown)}; fix the name or declare the cluster with hub.addCluster(...)`);
    }
    for (const name of Object.keys(options.kubeconfigs).sort()) checkKubeconfigSource('SpokeStack.forHub', name, options.kubeconfigs[name]);
    const grouping = requireOptionalInstance('SpokeStack.forHub', 'grouping', options.grouping, SpokeGrouping, 'SpokeGrouping.perCluster(), .byLabel(key) or .hashBuckets(count)') ?? SpokeGrouping.perCluster();
    const prefix = options.stackIdPrefix ?? 'spoke';
    const groups = new Map<string, HubClusterFacts[]>();
    const sources = new Map<string, { source: string; cluster: string }>();
    for (const c of clusters) {
      checkClusterName(c, 'SpokeStack.forHub');
      const key = grouping._key(c);
      const source = grouping._source(c);
      if (source !== undefined) {
        const first = sources.get(key);
        if (!first) sources.set(key, { source, cluster: c.name });
        else if (first.source !== source) {
          fail('SpokeStack.forHub', `ManagedCluster "${first.cluster}" (${first.source}) and ManagedCluster "${c.name}" (${source}) would both go to stack "${prefix}-${key}" (${grouping.description}: stack ids are lower-case letters, digits and "-"); spell the value the same way on both clusters, or group differently`);
        }
      }
      const list = groups.get(key) ?? [];
      list.push(c);
      groups.set(key, list);
    }
    if (options.clusters === undefined) {
      // Every cluster of the hub: one declared after this call would silently get no spoke stack.
      hub.node.addValidation({
        validate: () => [...hub._declaredClusters().keys()].filter((n) => hub._joinedThrough(n) === undefined).sort().map((n) =>
          `SpokeStack.forHub: ManagedCluster "${n}" was declared on the hub after SpokeStack.forHub(...) ran, so no spoke stack joins it; declare every cluster before calling SpokeStack.forHub, or give it its own new SpokeStack(..., { clusters: [hub.cluster("${n}")] })`),
      });
    }
    const { grouping: _g, stackIdPrefix: _p, clusters: _c, ...spokeOptions } = options;
    return [...groups.keys()].sort().map((key) => new SpokeStack(scope, `${prefix}-${key}`, { ...spokeOptions, hub, clusters: groups.get(key)! }));
  }

  /** The hub stack the spokes join. */
  public readonly hub: HubStack;
  /** The spokes' names, sorted. */
  public readonly clusterNames: readonly string[];
  /** The klusterlet release of each spoke, by cluster name. */
  public readonly klusterletReleases: ReadonlyMap<string, Release>;
  /** The aliased Helm provider of each spoke, by cluster name. */
  public readonly helmProviders: ReadonlyMap<string, HelmProvider>;
  private readonly connections = new Map<string, ClusterConnection>();
  private readonly kubernetesProviders = new Map<string, KubernetesProvider>();

  constructor(scope: Construct, id: string, props: SpokeStackProps) {
    super(scope, id);
    const subject = `SpokeStack "${id}"`;
    if (!props || !(props.hub instanceof HubStack)) {
      fail(subject, 'has no hub: pass hub, the HubStack the spokes join (its bootstrap kubeconfig is what the klusterlets register with)');
    }
    if (!Array.isArray(props.clusters) || props.clusters.length === 0) {
      fail(subject, 'has no clusters: pass the managed clusters this stack joins, e.g. clusters: [hub.cluster("prod-eu-1")], or use SpokeStack.forHub(...)');
    }
    this.hub = props.hub;
    const fleetHub = this.hub.hub;
    const declared = this.hub._declaredClusters();
    const chart = props.klusterletChart ?? PinnedChart.OCM_KLUSTERLET;
    if (!(chart instanceof PinnedChart)) fail(subject, 'klusterletChart must be a PinnedChart, e.g. PinnedChart.OCM_KLUSTERLET.withVersion("1.3.1")');
    const stampLabels = requireOptionalBoolean(subject, 'stampClusterLabels', props.stampClusterLabels) ?? true;

    const clusters = [...props.clusters].sort(Order.by((c) => c.name));
    const missing: string[] = [];
    const aliases = new Map<string, string>();
    for (const c of clusters) {
      checkClusterName(c, subject);
      if (!declared.has(c.name)) {
        fail(subject, `cluster "${c.name}" is not declared on Hub "${fleetHub.node.id}", so the hub would never know it; declare it with hub.addCluster("${c.name}", ...) (declared: ${listForHumans([...declared.keys()])})`);
      }
      const source = props.kubeconfigs?.[c.name];
      if (source === undefined || source === null) missing.push(c.name);
      else checkKubeconfigSource(subject, c.name, source);
      const alias = aliasOf(c.name);
      const other = aliases.get(alias);
      if (other !== undefined) {
        fail(subject, `clusters "${other}" and "${c.name}" would both use Terraform provider alias "${alias}" (a cluster name that starts with a digit is prefixed with "cluster-"); put them in different spoke stacks (e.g. SpokeGrouping.perCluster()) or rename one`);
      }
      aliases.set(alias, c.name);
    }
    if (missing.length > 0) {
      fail(subject, `no kubeconfig source for ${missing.length === 1 ? 'cluster' : 'clusters'} ${listForHumans(missing.map((n) => `"${n}"`))}; add ${missing.length === 1 ? 'it' : 'them'} to kubeconfigs, e.g. kubeconfigs: { "${missing[0]}": KubeconfigSource.file("~/.kube/config", "${missing[0]}") }`);
    }
    for (const c of clusters) this.hub._registerSpoke(c.name, id);

    (requireOptionalInstance(subject, 'backend', props.backend, Backend, 'Backend.local(...), .s3(...), .gcs(...), .azurerm(...) or .remote(...)') ?? this.hub.backend)._bind(this);
    if (this.hub.manifests) this.addDependency(this.hub.manifests);

    const helmProviders = new Map<string, HelmProvider>();
    const releases = new Map<string, Release>();
    for (const c of clusters) {
      const declaredCluster = declared.get(c.name)!;
      const connection = props.kubeconfigs[c.name]._connection(this);
      this.connections.set(c.name, connection);
      const provider = new HelmProvider(this, `helm-${c.name}`, { alias: aliasOf(c.name), kubernetes: { ...connection } });
      helmProviders.set(c.name, provider);
      const labels = stampLabels ? sortedRecord(declaredCluster.labels) : undefined;
      releases.set(c.name, new Release(this, `klusterlet-${c.name}`, {
        provider,
        name: 'klusterlet',
        namespace: HubStack.OCM_NAMESPACE,
        createNamespace: true,
        repository: chart.repository,
        chart: chart.chart,
        version: chart.version,
        values: [helmValues({
          klusterlet: {
            create: true,
            // The chart defaults to Singleton; clusteradm join installs Default (operator + agents).
            mode: 'Default',
            name: 'klusterlet',
            clusterName: c.name,
            namespace: 'open-cluster-management-agent',
            ...(labels ? { registrationConfiguration: { clusterLabels: labels } } : {}),
          },
        })],
        // The bootstrap kubeconfig carries the hub token: only ever a sensitive value. It is the
        // YAML of a kubeconfig with no commas, so Helm's --set parser takes it whole.
        setSensitive: [{ name: 'bootstrapHubKubeConfig', type: 'string', value: this.hub.bootstrapKubeconfig }],
        wait: true,
      }));
    }
    this.helmProviders = helmProviders;
    this.klusterletReleases = releases;
    this.clusterNames = clusters.map((c) => c.name);

    if (!this.hub.acceptance.isAutomatic) {
      new TerraformOutput(this, 'accept_command', {
        value: `clusteradm accept --clusters ${this.clusterNames.join(',')}`,
        staticId: true,
        description: 'run against the hub once the klusterlets have registered (acceptance is manual)',
      });
    }
  }

  /**
   * An aliased Kubernetes provider for spoke `cluster` (alias = cluster name), created on first
   * use, for resources of your own on that spoke.
   */
  public kubernetesProvider(cluster: string): KubernetesProvider {
    const connection = this.connections.get(cluster);
    if (!connection) fail(`SpokeStack "${this.node.id}"`, `has no spoke "${cluster}" (spokes: ${listForHumans([...this.clusterNames])})`);
    let p = this.kubernetesProviders.get(cluster);
    if (!p) {
      p = new KubernetesProvider(this, `kubernetes-${cluster}`, { alias: aliasOf(cluster), ...connection });
      this.kubernetesProviders.set(cluster, p);
    }
    return p;
  }
}

/** The provider alias of a cluster: its name, which is a DNS label (prefixed when it starts with a digit). */
function aliasOf(name: string): string {
  return /^[0-9]/.test(name) ? `cluster-${name}` : name;
}

/** Throws unless `source` (the kubeconfigs entry of `cluster`) is a KubeconfigSource, naming what it is instead. */
function checkKubeconfigSource(subject: string, cluster: string, source: unknown): void {
  if (source instanceof KubeconfigSource) return;
  const got = typeof source === 'string' ? `the string ${JSON.stringify(source)}` : source === null ? 'null' : Array.isArray(source) ? 'an array' : `a plain ${typeof source}`;
  const path = typeof source === 'string' ? source : '~/.kube/config';
  fail(subject, `kubeconfigs["${cluster}"] is ${got}, not a KubeconfigSource; wrap it: kubeconfigs: { "${cluster}": KubeconfigSource.file(${JSON.stringify(path)}, "${cluster}") } (or KubeconfigSource.hostAndToken({ hostVariable, tokenVariable, caVariable }))`);
}

function checkClusterName(c: HubClusterFacts, subject: string): void {
  const name = c?.name;
  const p = dnsLabelProblem(name);
  if (p) {
    fail(subject, `cluster name ${JSON.stringify(name)} is not a valid DNS-1123 label: it ${p}; ManagedCluster names are hub namespaces (e.g. "prod-eu-1")`);
  }
}

/** 32-bit FNV-1a of a string: stable across runs and platforms. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
