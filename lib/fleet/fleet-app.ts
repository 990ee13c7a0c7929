import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, App, AppProps, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../core/errors';
import { ManagedCluster } from '../ocm/managed-cluster';
import { buildFleetPlan, DECLARED_CLAIMS_ANNOTATION, FleetPlan } from '../plan/fleet-plan';
import { readObjects } from '../plan/io';
import { renderFindingsConsole, renderPlanJson, renderPlanMarkdown } from '../plan/render';
import { RULES, ACK_ANNOTATION_PREFIX, FailOn, failingLevels } from '../plan/rules';
import { requireOptionalBoolean, requireOptionalEnum, requireOptionalString } from '../core/validate';

/** Props of {@link FleetApp}. */
export interface FleetAppProps extends AppProps {
  /**
   * Write `fleet-plan.json` and `fleet-plan.md` next to the YAML at synth.
   * @default true
   */
  readonly plan?: boolean;
  /**
   * A YAML file of the real hub's ManagedClusters (`kubectl get managedclusters -o yaml`) to plan against.
   * @default - plan against the declared clusters, assumed joined and Available
   */
  readonly inventoryFile?: string;
  /**
   * Print the plan's findings at synth, on stderr (which `cdk8s synth` shows; it hides the app's stdout).
   * @default true
   */
  readonly printFindings?: boolean;
  /**
   * Which open (unacknowledged) findings fail synth: the plan files are still written, the hub
   * YAML is not, and synth throws naming the findings.
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;
  /**
   * The time (RFC 3339) at which tolerationSeconds are evaluated. Set it when planning against an
   * inventory, so the plan files stay byte-identical between runs.
   * @default - '1970-01-01T00:00:00Z' without an inventory; the real clock with one
   */
  readonly now?: string;
}

/**
 * A cdk8s App that also writes the fleet plan at synth: `dist/fleet-plan.json` and
 * `dist/fleet-plan.md` (what a reviewer reads in a pull request), and prints the rule pack's
 * findings.
 */
export class FleetApp extends App {
  private readonly writePlan: boolean;
  private readonly inventoryFile?: string;
  private readonly printFindings: boolean;
  private readonly now?: string;
  private readonly failOn: FailOn;

  constructor(props: FleetAppProps = {}) {
    super(props);
    const subject = 'FleetApp';
    this.writePlan = requireOptionalBoolean(subject, 'plan', props.plan) ?? true;
    this.inventoryFile = requireOptionalString(subject, 'inventoryFile', props.inventoryFile);
    this.printFindings = requireOptionalBoolean(subject, 'printFindings', props.printFindings) ?? true;
    this.now = requireOptionalString(subject, 'now', props.now);
    this.failOn = requireOptionalEnum(subject, 'failOn', props.failOn, FailOn, 'FailOn') ?? FailOn.ERROR;
  }

  /**
   * Synthesizes the YAML, then the plan files. Declared claims are recorded on each ManagedCluster
   * as the annotation `plan.cdk-fleet.io/declared-claims`, so `cdk-fleet plan` on the YAML sees
   * what this plan saw (claims themselves live on the spoke).
   */
  public override synth(): void {
    if (this.writePlan) {
      for (const c of ManagedCluster.allIn(this)) {
        const claims = c.claims;
        if (Object.keys(claims).length) c.apiObject.metadata.addAnnotation(DECLARED_CLAIMS_ANNOTATION, JSON.stringify(Object.fromEntries(Object.keys(claims).sort().map((k) => [k, claims[k]]))));
      }
    }
    if (!this.writePlan) {
      super.synth();
      return;
    }
    const plan = this.plan();
    mkdirSync(this.outdir, { recursive: true });
    writeFileSync(join(this.outdir, 'fleet-plan.json'), renderPlanJson(plan));
    writeFileSync(join(this.outdir, 'fleet-plan.md'), renderPlanMarkdown(plan));
    if (this.printFindings) process.stderr.write(renderFindingsConsole(plan).map((l) => `${l}\n`).join(''));
    const levels = failingLevels(this.failOn);
    const failing = plan.findings.filter((f) => !f.acknowledged && levels.includes(f.level));
    if (failing.length > 0) {
      const list = failing.slice(0, 5).map((f) => `${f.id} ${f.subject}: ${f.message}`).join('; ');
      fail('fleet plan', `${failing.length} open ${this.failOn === FailOn.WARNING ? 'error- or warning-level' : 'error-level'} finding${failing.length > 1 ? 's' : ''} (${list}${failing.length > 5 ? '; ...' : ''}), so the hub YAML was not written (the plan is in ${join(this.outdir, 'fleet-plan.md')}). Fix ${failing.length > 1 ? 'them' : 'it'}, acknowledge ${failing.length > 1 ? 'them' : 'it'} with acknowledge(construct, ruleId, reason), or set failOn on the FleetApp`);
    }
    super.synth();
  }

  /** The fleet plan of this app's objects (and the inventory file, when given). */
  public plan(): FleetPlan {
    return planOf(this, this.inventoryFile ? readObjects(this.inventoryFile) : undefined, this.now);
  }
}

/** The fleet plan of every chart in `app` (claims taken from the declared ManagedClusters). */
export function planOf(app: App, inventory?: unknown[], now?: string): FleetPlan {
  const objects = app.charts.flatMap((c: Chart) => c.toJson());
  const claims: Record<string, Record<string, string>> = {};
  for (const c of ManagedCluster.allIn(app)) if (Object.keys(c.claims).length) claims[c.name] = c.claims;
  return buildFleetPlan({ objects, claims, inventory, now }).plan;
}

/**
 * Acknowledges a rule-pack finding on a construct, with a mandatory reason: the plan then lists
 * the finding as acknowledged instead of open. Written as the annotation
 * `ack.cdk-fleet.io/<RULE-ID>: <reason>` on the construct's object, so `cdk-fleet plan` on the
 * YAML honours it too.
 */
export function acknowledge(construct: IConstruct, ruleId: string, reason: string): void {
  const known = RULES.map((r) => r.id);
  if (!known.includes(ruleId)) fail(`acknowledge(${construct.node.path})`, `rule ${JSON.stringify(ruleId)} is unknown; rules: ${known.join(', ')}`);
  if (typeof reason !== 'string' || reason.trim().length < 3) fail(`acknowledge(${construct.node.path}, ${ruleId})`, 'needs a reason (why this finding is accepted), e.g. "edge sites deploy their own CNI"');
  const obj = construct instanceof ApiObject ? construct : (construct as any).apiObject ?? construct.node.defaultChild;
  if (!(obj instanceof ApiObject)) fail(`acknowledge(${construct.node.path}, ${ruleId})`, 'the construct emits no object to carry the acknowledgement; acknowledge the construct the finding names');
  obj.metadata.addAnnotation(`${ACK_ANNOTATION_PREFIX}${ruleId}`, reason.trim());
}
