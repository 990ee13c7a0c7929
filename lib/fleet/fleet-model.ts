// The app as one model: every chart rendered once, the plan's simulators run once over those
// objects, and what the synth-time checks, the plan files and the L2 queries read, all from that
// one pass. L2 constructs reach it through FleetRegistry.modelFactory (they never import lib/plan).
import { createHash } from 'node:crypto';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Order } from '../core/order';
import { Cluster as KarmadaCluster } from '../karmada';
import { ManagedCluster } from '../ocm/managed-cluster';
import { FleetChart, renderChartObjects } from './fleet-chart';
import { FleetRegistry, IAppModel, ModelReachedCluster } from '../ocm/_registry';
import { buildFleetPlan } from '../plan/fleet-plan';
import { FailOn, failingLevels } from '../plan/rules';
import type { FleetPlan, FleetPlanInput, PlanContext } from '../plan/types';

/** What the model is built with besides the app's objects. @internal */
export interface FleetModelOptions extends Omit<FleetPlanInput, 'objects' | 'claims' | 'karmadaClusters' | 'constructPaths' | 'sources'> {
  /** Which open findings are synth-time problems. */
  readonly failOn?: FailOn;
  /**
   * Reuse the app's last model when its objects and inputs are unchanged, and keep this one for the
   * next call. FleetApp.synth, which builds the model once and hands it to the checks itself, turns
   * it off: comparing needs a serialization of every object, a large part of a big fleet's synth.
   * @default true
   */
  readonly cache?: boolean;
}

/** The app's objects, its plan, and the construct behind every object. @internal */
export class FleetModel implements IAppModel {
  /**
   * Builds the model of the app of `root`: completes its declarations (registration chains), renders
   * every chart once and plans the objects once.
   */
  public static build(root: IConstruct, options: FleetModelOptions = {}): FleetModel {
    const registry = FleetRegistry.of(root);
    registry.prepare();
    const all = root.node.findAll();
    const objectsByChart = new Map<Chart, any[]>();
    for (const chart of chartsOf(root, all)) objectsByChart.set(chart, isFleetChart(chart) ? chart._renderObjects() : renderChartObjects(chart));
    const claims = declaredClaims(root);
    const karmadaClusters = KarmadaCluster.allIn(root).map((c) => c.toPlanObject());
    // cdk8s validates the whole app more than once per synth (App.synth, then every chart.toJson):
    // the same objects and inputs give the same model, so the simulation runs once. The key is a
    // digest, so the serialization is not kept alive.
    const { failOn, cache = true, ...input } = options;
    const key = cache ? createHash('sha256').update(JSON.stringify([[...objectsByChart.values()], claims, karmadaClusters, input, failOn])).digest('hex') : undefined;
    const cached = MODELS.get(registry);
    if (key !== undefined && cached && cached.key === key) return cached.model;
    const owners = new Map<string, IConstruct>();
    const constructPaths: Record<string, string> = {};
    for (const c of all) {
      if (!(c instanceof ApiObject)) continue;
      const owner = c.node.id === 'Resource' && c.node.scope ? c.node.scope : c;
      const ns = c.metadata.namespace;
      const subject = `${c.kind} ${ns ? `${ns}/` : ''}${c.name}`;
      owners.set(subject, owner);
      constructPaths[subject] = owner.node.path;
    }
    const { plan, context } = buildFleetPlan({ ...input, objects: [...objectsByChart.values()].flat(), claims, karmadaClusters, constructPaths });
    // Sources are formatted only for the objects findings are about (a stack trace each).
    const findings = plan.findings.map((f) => {
      const owner = owners.get(f.subject);
      const source = owner ? registry.sourceOf(owner) : undefined;
      return source && !f.source ? { ...f, source } : f;
    });
    const model = new FleetModel({ ...plan, findings }, context, objectsByChart, constructPaths, failOn ?? FailOn.ERROR);
    if (key !== undefined) MODELS.set(registry, { key, model });
    else MODELS.delete(registry);
    return model;
  }

  private constructor(
    /** The plan. */
    public readonly plan: FleetPlan,
    /** What the plan was built from. */
    public readonly context: PlanContext,
    /** Each chart's rendered objects, as `chart.toJson()` returns them. */
    public readonly objectsByChart: ReadonlyMap<Chart, any[]>,
    /** The construct path behind each object, by subject (`Kind ns/name`). */
    public readonly constructPaths: Readonly<Record<string, string>>,
    private readonly failOn: FailOn,
  ) {}

  /** The open findings at the failing levels, each as `construct/path: FLEETnnn subject: message. Fix: ...`. */
  public problems(): string[] {
    const levels = failingLevels(this.failOn);
    return this.plan.findings
      .filter((f) => !f.acknowledged && levels.includes(f.level))
      .map((f) => `${this.constructPaths[f.subject] ? `${this.constructPaths[f.subject]}: ` : ''}${f.id} ${f.subject}: ${f.message}. Fix: ${f.fix}, or acknowledge it with acknowledge(construct, '${f.id}', reason)`);
  }

  /** The SveltosClusters the profile `kind namespace/name` reaches. */
  public reachedSveltosClusters(kind: string, namespace: string | undefined, name: string): ModelReachedCluster[] {
    const key = kind === 'Profile' ? `Profile/${namespace}/${name}` : `ClusterProfile/${name}`;
    const profile = this.context.selection.profiles.find((p) => p.key === key);
    if (!profile) return [];
    const declared = new Set(this.context.hub.clusters.map((c) => c.name));
    const out = profile.clusterSummaries.map((s) => {
      const managedCluster = this.context.clusterOfKey.get(s.clusterKey);
      return {
        namespace: s.clusterNamespace,
        name: s.clusterName,
        ...(managedCluster !== undefined && declared.has(managedCluster) ? { managedCluster } : {}),
        via: this.context.viaOfKey.get(s.clusterKey) ?? 'clusterRefs',
      };
    });
    return out.sort((a, b) => Order.strings(a.namespace, b.namespace) || Order.strings(a.name, b.name));
  }
}

/** True for a FleetChart (`instanceof` is true for every cdk8s Chart: Chart defines Symbol.hasInstance). */
function isFleetChart(c: Chart): c is FleetChart {
  return typeof (c as Partial<FleetChart>)._renderObjects === 'function';
}

/** The last model of each app, with what it was built from. */
const MODELS = new WeakMap<FleetRegistry, { key: string; model: FleetModel }>();

/**
 * Every chart of the app of `root` (the App's charts, or any chart under a plain construct root);
 * `all` is `root.node.findAll()`.
 */
function chartsOf(root: IConstruct, all: readonly IConstruct[]): Chart[] {
  if (!(root instanceof App)) return all.filter((c): c is Chart => Chart.isChart(c));
  if (all.some((c) => c.node.dependencies.length > 0)) return root.charts;
  // App.charts sorts every construct topologically through a graph keyed by construct path, which
  // is a large part of a big fleet's synth. Without dependencies that order is the graph's key
  // order: integer-like paths ascending, then the others as findAll lists them.
  const charts = all.filter((c): c is Chart => Chart.isChart(c));
  const index = (c: Chart) => (/^(0|[1-9][0-9]{0,9})$/.test(c.node.path) && Number(c.node.path) < 4294967295 ? Number(c.node.path) : -1);
  return charts.some((c) => index(c) >= 0) ? [...charts].sort((a, b) => {
    const ia = index(a);
    const ib = index(b);
    return ia >= 0 && ib >= 0 ? ia - ib : ia >= 0 ? -1 : ib >= 0 ? 1 : 0;
  }) : charts;
}

/** The claims declared on the app's ManagedClusters (they live on the spokes, not in the YAML). */
function declaredClaims(root: IConstruct): Record<string, Record<string, string>> {
  const claims: Record<string, Record<string, string>> = {};
  for (const c of ManagedCluster.allIn(root)) if (Object.keys(c.claims).length) claims[c.name] = c.claims;
  return claims;
}

// Placements check their CEL expressions in OCM's environment through the registry. The CEL
// modules load on the first expression (their parser costs a sixth of a second of every start).
let celCheck: ((expression: string) => string | undefined) | undefined;
FleetRegistry.celProblem = (expression) => {
  if (!celCheck) {
    const { compileExpression } = require('../plan/ocm/cel/compile') as typeof import('../plan/ocm/cel/compile');
    const { placementDecls } = require('../plan/ocm/cel/env') as typeof import('../plan/ocm/cel/env');
    const { formatType, isDyn, T } = require('../plan/ocm/cel/types') as typeof import('../plan/ocm/cel/types');
    const decls = placementDecls(() => undefined); // scores are looked up only when an expression is evaluated
    celCheck = (e) => {
      const c = compileExpression(decls, e);
      if (!c.ok) return c.error;
      if (!isDyn(c.outputType) && c.outputType.kind !== T.BOOL.kind) return `it evaluates to ${formatType(c.outputType)}, not bool (every cluster would fail the expression)`;
      return undefined;
    };
  }
  return celCheck(expression);
};

// The L2 layer asks for the model through the registry (while a model is being built, the charts
// it renders validate nothing app-wide).
let building = false;
FleetRegistry.modelFactory = (root) => {
  if (building) return undefined;
  building = true;
  try {
    return FleetModel.build(root);
  } finally {
    building = false;
  }
};
