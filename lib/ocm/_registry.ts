import { IConstruct } from 'constructs';

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
      r = new FleetRegistry();
      REGISTRIES.set(root, r);
    }
    return r;
  }

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
    push(this.byKind, kind, c);
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

  /** Every construct registered under `kind`, in declaration order. */
  public all<T extends IConstruct>(kind: string): readonly T[] {
    return (this.byKind.get(kind) ?? []) as T[];
  }
}

const REGISTRIES = new WeakMap<IConstruct, FleetRegistry>();

function push<K>(map: Map<K, IConstruct[]>, key: K, c: IConstruct): void {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  list.push(c);
}
