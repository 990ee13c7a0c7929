import { IConstruct } from 'constructs';

/**
 * Per-app index of one engine's constructs by kind, for cross-object checks without tree walks
 * (each engine folder keeps its own: `KindRegistry.of(scope, 'karmada')`).
 * @internal
 */
export class KindRegistry {
  /** The registry of `engine` in the app `scope` belongs to. */
  public static of(scope: IConstruct, engine: string): KindRegistry {
    const root = scope.node.root;
    let byEngine = REGISTRIES.get(root);
    if (!byEngine) {
      byEngine = new Map();
      REGISTRIES.set(root, byEngine);
    }
    let r = byEngine.get(engine);
    if (!r) {
      r = new KindRegistry();
      byEngine.set(engine, r);
    }
    return r;
  }

  private readonly byKind = new Map<string, IConstruct[]>();

  private constructor() {}

  /** Registers `c` under `kind`. */
  public register(kind: string, c: IConstruct): void {
    const list = this.byKind.get(kind) ?? [];
    list.push(c);
    this.byKind.set(kind, list);
  }

  /** Every construct registered under `kind`, in declaration order. */
  public all<T extends IConstruct>(kind: string): readonly T[] {
    return (this.byKind.get(kind) ?? []) as T[];
  }
}

const REGISTRIES = new WeakMap<IConstruct, Map<string, KindRegistry>>();
