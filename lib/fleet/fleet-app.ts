import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, App, AppProps, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../core/errors';
import { ManagedCluster } from '../ocm/managed-cluster';
import { buildFleetPlan, DECLARED_CLAIMS_ANNOTATION, FleetPlan } from '../plan/fleet-plan';
import { readObjects } from '../plan/io';
import { renderFindingsConsole, renderPlanJson, renderPlanMarkdown } from '../plan/render';
import { RULES, ACK_ANNOTATION_PREFIX } from '../plan/rules';

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
   * Print the plan's findings on the console at synth.
   * @default true
   */
  readonly printFindings?: boolean;
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

  constructor(props: FleetAppProps = {}) {
    super(props);
    this.writePlan = props.plan ?? true;
    this.inventoryFile = props.inventoryFile;
    this.printFindings = props.printFindings ?? true;
    this.now = props.now;
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
    super.synth();
    if (!this.writePlan) return;
    const plan = this.plan();
    mkdirSync(this.outdir, { recursive: true });
    writeFileSync(join(this.outdir, 'fleet-plan.json'), renderPlanJson(plan));
    writeFileSync(join(this.outdir, 'fleet-plan.md'), renderPlanMarkdown(plan));
    if (this.printFindings) for (const line of renderFindingsConsole(plan)) console.log(line);
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
