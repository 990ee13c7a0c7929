import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../core/errors';
import { captureCaller, sourceOfCapture } from '../core/source';

/** A SveltosCluster a Sveltos profile reaches, as the app's model computes it. @internal */
export interface ModelReachedCluster {
  readonly namespace: string;
  readonly name: string;
  readonly managedCluster?: string;
  readonly via: string;
}

/**
 * What the L3 layer answers about the whole app from ONE simulation of its objects (installed by
 * lib/fleet, so L2 constructs never import the simulators). @internal
 */
export interface IAppModel {
  /** Problems to report at synth (error-level plan findings), each naming its construct path. */
  problems(): string[];
  /** The SveltosClusters the profile `kind namespace/name` reaches, sorted by namespace and name. */
  reachedSveltosClusters(kind: string, namespace: string | undefined, name: string): ModelReachedCluster[];
}

/**
 * Per-app index of the fleet constructs, so cross-object checks (is this namespace bound? is the
 * feature gate on?) are O(1) lookups instead of tree walks: a hub with thousands of clusters and
 * placements must stay linear.
 * @internal
 */
export class FleetRegistry {
  /** The registry of the app that `scope` belongs to. */
  public static of(scope: IConstruct): FleetRegistry {
    const root = scope.node.root;
    let r = REGISTRIES.get(root);
    if (!r) {
      assertOneCdk8s(root);
      r = new FleetRegistry();
      REGISTRIES.set(root, r);
    }
    return r;
  }

  /** The stack at each construct's declaration, when the app records it (FleetApp); formatted on demand. */
  private readonly captures = new Map<IConstruct, Error>();
  /** Record the declaring source line of every construct registered from now on. */
  public recordSources = false;

  /** Steps that complete the app's declarations at synth, in registration order. */
  private readonly preparers: (() => void)[] = [];
  private preparing = false;

  /**
   * Registers a step that completes declarations at synth, once every user declaration is made
   * (e.g. registering every declared cluster with Sveltos). Steps must be idempotent: they run
   * before the first validation, before each chart renders, and before the synth-time checks.
   */
  public addPreparer(step: () => void): void {
    this.preparers.push(step);
  }

  /** Runs every preparer (re-entrant calls are ignored). */
  public prepare(): void {
    if (this.preparing) return;
    this.preparing = true;
    try {
      for (const step of this.preparers) step();
    } finally {
      this.preparing = false;
    }
  }

  /** Every construct registered, by kind. */
  private readonly byKind = new Map<string, IConstruct[]>();
  /** Constructs registered with a key, by kind and key (e.g. bindings by namespace). */
  private readonly byKindAndKey = new Map<string, Map<string, IConstruct[]>>();

  /**
   * Registers `c` under `kind`, and under (`kind`, `key`) when a key is given, so lookups by key
   * (e.g. the bindings of one namespace) need no scan of every construct of the kind.
   */
  public register(kind: string, c: IConstruct, key?: string): void {
    if (this.byKind.size === 0) {
      // The first fleet construct of the app reports the app-wide problems (one simulation per synth).
      c.node.addValidation({ validate: () => this.appProblems(c.node.root) });
    }
    push(this.byKind, kind, c);
    if (this.recordSources && !this.preparing && !this.captures.has(c)) this.captures.set(c, captureCaller());
    if (key === undefined) return;
    let index = this.byKindAndKey.get(kind);
    if (!index) {
      index = new Map();
      this.byKindAndKey.set(kind, index);
    }
    push(index, key, c);
  }

  /** Every construct registered under `kind` with `key`, in declaration order. */
  public withKey<T extends IConstruct>(kind: string, key: string): readonly T[] {
    return (this.byKindAndKey.get(kind)?.get(key) ?? []) as T[];
  }

  /**
   * Why OCM's placement controller would not compile a CEL expression (it then marks the placement
   * Misconfigured), or undefined: OCM's CEL environment lives with the simulators, so lib/fleet sets
   * this when it is loaded (the package root always loads it). @internal
   */
  public static celProblem?: (expression: string) => string | undefined;

  /** Builds the app model of a root construct (set by lib/fleet when it is loaded). @internal */
  public static modelFactory?: (root: IConstruct) => IAppModel | undefined;

  /** The model of the synth in progress (FleetApp sets it), so validation reuses its simulation. */
  public synthModel?: IAppModel;

  /** The app model: the one of the synth in progress, else a new simulation of the app as it is now. */
  public model(root: IConstruct): IAppModel | undefined {
    return this.synthModel ?? FleetRegistry.modelFactory?.(root);
  }

  /** Where user code declared `c` (`fleet.ts:42`, relative to the working directory), when recorded. */
  public sourceOf(c: IConstruct): string | undefined {
    const capture = this.captures.get(c);
    return capture ? sourceOfCapture(capture) : undefined;
  }

  /**
   * The app-wide problems of the model. A model that cannot be built (a construct that fails to
   * render) reports nothing here: that construct's own validation or rendering says what is wrong.
   */
  private appProblems(root: IConstruct): string[] {
    try {
      return this.model(root)?.problems() ?? [];
    } catch {
      return [];
    }
  }

  /** Every construct registered under `kind`, in declaration order. */
  public all<T extends IConstruct>(kind: string): readonly T[] {
    return (this.byKind.get(kind) ?? []) as T[];
  }
}

const REGISTRIES = new WeakMap<IConstruct, FleetRegistry>();

/**
 * Fails when the app was made with another copy of cdk8s than the one cdk-fleet loads: objects of
 * one copy cannot be synthesized by the other, and cdk8s would only say "can't render non-simple
 * object of type 'Lazy'" at synth. Happens with `npm install ../cdk-fleet` (a folder link keeps
 * the library's own node_modules) or when the app pins a cdk8s outside cdk-fleet's peer range.
 */
function assertOneCdk8s(root: IConstruct): void {
  const rtti = (root.constructor as unknown as Record<symbol, { fqn?: string; version?: string } | undefined>)[Symbol.for('jsii.rtti')];
  if (rtti?.fqn !== 'cdk8s.App' || root instanceof App) return;
  let ours = 'unknown';
  let where = 'unknown';
  try {
    ours = require('cdk8s/package.json').version;
    where = require.resolve('cdk8s/package.json').replace(/[\\/]package\.json$/, '');
  } catch { /* keep unknown */ }
  fail('cdk8s', `two copies of cdk8s are loaded: the app is a cdk8s ${rtti.version ?? '?'} App, but cdk-fleet uses the cdk8s ${ours} at ${where}, and objects of one copy cannot be synthesized by the other. Keep one cdk8s in the tree: install cdk-fleet from the registry or a packed tarball (npm pack), not a folder link (npm install ../cdk-fleet keeps the library's own node_modules), then run npm ls cdk8s and npm dedupe (cdk-fleet's peer range is in its package.json)`);
}

function push<K>(map: Map<K, IConstruct[]>, key: K, c: IConstruct): void {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  list.push(c);
}
