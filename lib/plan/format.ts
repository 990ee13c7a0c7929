// The plan file format: its version and compatibility rule, and the annotations the plan reads.
import { fail } from '../core/errors';
import { PLAN_CONTROL_PLANE_ANNOTATION, PLAN_WARNING_ANNOTATION } from '../core/plan-annotations';
import type { FleetPlan } from './types';

/**
 * The fleet plan's file format. `formatVersion` is `MAJOR.MINOR`: a minor version only adds
 * optional fields, a major version changes or removes fields. A reader accepts every plan of its
 * own major version (ignoring fields it does not know) and refuses any other major version.
 * Plans written before `formatVersion` existed carry `"version": 1` (format 1).
 */
export class PlanFormat {
  /** The format version this library writes (2.1 added `blocked` and `maxConcurrency` on waves, engines, replicas). */
  public static readonly VERSION = '2.1';
  /** The major version this library reads. */
  public static readonly MAJOR = 2;

  /** True when a plan of `formatVersion` can be read by this library (same major version). */
  public static isCompatible(formatVersion: string): boolean {
    const m = /^(\d+)\.(\d+)$/.exec(formatVersion);
    return m !== null && Number(m[1]) === PlanFormat.MAJOR;
  }

  /**
   * Checks that `value` (parsed JSON) is a fleet plan of a compatible format and returns it;
   * throws a one-line error naming `source` otherwise.
   */
  public static read(value: unknown, source: string): FleetPlan {
    const v = value as Record<string, unknown> | null;
    if (!v || typeof v !== 'object' || Array.isArray(v)) fail(source, 'is not a fleet plan (expected a JSON object with formatVersion, clusters, workloads)');
    const again = `re-create it with this cdk-fleet (cdk-fleet plan <dir> --format json, or synth again)`;
    if (v.formatVersion === undefined) {
      if (v.version === 1) fail(source, `is a plan of format 1 ("version": 1), which this cdk-fleet no longer reads; it reads formatVersion ${PlanFormat.MAJOR}.x: ${again}`);
      fail(source, `is not a fleet plan: it has no formatVersion; ${again}`);
    }
    if (typeof v.formatVersion !== 'string' || !PlanFormat.isCompatible(v.formatVersion)) {
      fail(source, `has plan formatVersion ${JSON.stringify(v.formatVersion)}, but this cdk-fleet reads formatVersion ${PlanFormat.MAJOR}.x (it writes ${PlanFormat.VERSION}); ${again}`);
    }
    for (const key of ['clusters', 'placements', 'workloads', 'findings']) {
      if (!Array.isArray(v[key])) fail(source, `is not a complete fleet plan: "${key}" is missing or not a list`);
    }
    return v as unknown as FleetPlan;
  }

  private constructor() {}
}

/** Annotations the plan reads on hub objects (besides acknowledgements and declared claims). */
export class PlanAnnotations {
  /**
   * Where the object was declared, relative to the project root: `examples/fleet.ts:42`. Findings
   * about the object point there (SARIF physical location).
   */
  public static readonly SOURCE = 'plan.cdk-fleet.io/source';
  /**
   * Marks library plumbing (per-cluster objects a registration chain creates); the value says what
   * it is for. The plan lists plumbing in one line per kind and name instead of as workloads.
   */
  public static readonly PLUMBING = 'plan.cdk-fleet.io/plumbing';
  /**
   * The control plane an object is applied to, when a folder holds objects of several: `karmada`
   * (the Karmada API server) or `kubefleet` (the KubeFleet hub). When any object of the input
   * carries it, the Karmada resource templates are exactly the objects marked `karmada`; without it
   * every object outside the fleet APIs is one. The charts cdk-fleet writes for those control
   * planes mark every object.
   */
  public static readonly CONTROL_PLANE = PLAN_CONTROL_PLANE_ANNOTATION;
  /**
   * Karmada member Clusters declared in code, as a JSON list of cluster.karmada.io/v1alpha1 Cluster
   * objects (Karmada creates them at registration, so they are not in the YAML). FleetApp writes it
   * on the ManagedCluster of the same name, or else on the first Karmada policy of the app.
   */
  public static readonly KARMADA_MEMBERS = 'plan.cdk-fleet.io/karmada-members';
  /**
   * Warnings about the object, one per line (a construct that rendered the nearest faithful form
   * of an intent says what differs); the plan lists them with the object as subject.
   */
  public static readonly WARNING = PLAN_WARNING_ANNOTATION;

  private constructor() {}
}
