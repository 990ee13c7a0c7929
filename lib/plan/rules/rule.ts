// What a rule of the pack is, and what it sees when it runs.
import type { FleetPlan, PlanContext } from '../types';

/** How serious a finding is. Error-level findings fail synth (configurable on FleetApp). */
export enum FindingLevel {
  /** The hub would reject it, mark it Misconfigured, or never finish the rollout. */
  ERROR = 'error',
  /** Probably not what was meant, or risky. */
  WARNING = 'warning',
  /** Worth knowing; often expected (clusters still joining). */
  INFO = 'info',
}

/** Which open findings fail synth (FleetApp) or `cdk-fleet plan` (--fail-on). */
export enum FailOn {
  /** Error-level findings fail. */
  ERROR = 'error',
  /** Error- and warning-level findings fail. */
  WARNING = 'warning',
  /** Nothing fails; findings are only reported. */
  NEVER = 'never',
}

/** The levels that fail under `failOn`. @internal */
export function failingLevels(failOn: FailOn): FindingLevel[] {
  return failOn === FailOn.NEVER ? [] : failOn === FailOn.WARNING ? [FindingLevel.ERROR, FindingLevel.WARNING] : [FindingLevel.ERROR];
}

/** A rule of the pack: id, name, level, explanation and the usual fix. */
export interface Rule {
  /** Stable id, e.g. `FLEET001`. */
  readonly id: string;
  /** Short name. */
  readonly name: string;
  /** What it checks. */
  readonly description: string;
  /** The level of its findings. */
  readonly level: FindingLevel;
}

/** One finding. */
export interface Finding {
  /** Rule id. */
  readonly id: string;
  /** Rule name. */
  readonly rule: string;
  /** The level of the rule. */
  readonly level: FindingLevel;
  /** The object it is about: `Placement ns/name`, `ManagedCluster name`, ... */
  readonly subject: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The acknowledgement reason, when the object acknowledges the rule. */
  readonly acknowledged?: string;
  /** Where the subject was declared (`examples/fleet.ts:42`, from its `plan.cdk-fleet.io/source` annotation). */
  readonly source?: string;
  /** The construct path of the subject, when the plan was built from an app. */
  readonly constructPath?: string;
}

/** What a rule's check reads and how it reports. @internal */
export interface RuleInput {
  /** The plan so far (everything but the findings). */
  readonly plan: Omit<FleetPlan, 'findings'>;
  /** What the plan was built from. */
  readonly ctx: PlanContext;
  /** The clusters declared on the hub (ManagedClusters), as planned. */
  readonly declared: FleetPlan['clusters'];
  /** True when a cluster counts as production (FLEET003). */
  isProduction(cluster: string): boolean;
  /** Reports a finding of this rule about `subject`. */
  report(subject: string, message: string, fix: string): void;
}

/** A rule with its check. @internal */
export interface RuleDefinition extends Rule {
  /** Runs the check on a plan. */
  check(input: RuleInput): void;
}
