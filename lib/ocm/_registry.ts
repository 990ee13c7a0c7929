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

  /** Every construct registered, by kind. */
  private readonly byKind = new Map<string, IConstruct[]>();

  /** Registers `c` under `kind`. */
  public register(kind: string, c: IConstruct): void {
    let list = this.byKind.get(kind);
    if (!list) {
      list = [];
      this.byKind.set(kind, list);
    }
    list.push(c);
  }

  /** Every construct registered under `kind`, in declaration order. */
  public all<T extends IConstruct>(kind: string): readonly T[] {
    return (this.byKind.get(kind) ?? []) as T[];
  }
}

const REGISTRIES = new WeakMap<IConstruct, FleetRegistry>();
