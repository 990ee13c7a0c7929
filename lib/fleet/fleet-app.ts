import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, App, AppProps, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../core/errors';
import { packageVersion } from '../core/package';
import { Cluster as KarmadaCluster, ClusterPropagationPolicy, PropagationPolicy } from '../karmada';
import { ManagedCluster } from '../ocm/managed-cluster';
import { buildFleetPlan, DECLARED_CLAIMS_ANNOTATION, FleetPlan, PlanAnnotations } from '../plan/fleet-plan';
import { readObjects } from '../plan/io';
import { HtmlReport, renderFindingsConsole, renderPlanJson, renderPlanMarkdown, SarifReport } from '../plan/render';
import { FleetRegistry } from '../ocm/_registry';
import { RULES, ACK_ANNOTATION_PREFIX, FailOn, failingLevels } from '../plan/rules';
import { requireArray, requireOptionalBoolean, requireOptionalEnum, requireOptionalString, requireString } from '../core/validate';

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
   * The time (RFC 3339) at which tolerationSeconds and AddOnPlacementScore validity are evaluated.
   * @default - the newest timestamp in the inventory; without an inventory no clock is needed
   * (declared clusters carry no taint times)
   */
  readonly now?: string;
  /**
   * The cluster label that marks production clusters (rule FLEET003, warning marks in `cdk-fleet diff`).
   * @default 'env'
   */
  readonly productionLabel?: string;
  /**
   * The values of `productionLabel` that mark a production cluster.
   * @default ['production', 'prod']
   */
  readonly productionValues?: string[];
  /**
   * Also write `fleet-plan.html` (a self-contained report) and `fleet-plan.sarif` (the findings,
   * for code scanning) next to the Markdown.
   * @default true
   */
  readonly reports?: boolean;
  /**
   * Record the file and line of the user's code that declared each construct, so SARIF findings
   * point at it. Costs one stack trace per construct.
   * @default true
   */
  readonly recordSourceLocations?: boolean;
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
  private readonly productionLabel?: string;
  private readonly productionValues?: string[];
  private readonly reports: boolean;

  constructor(props: FleetAppProps = {}) {
    super(props);
    const subject = 'FleetApp';
    this.writePlan = requireOptionalBoolean(subject, 'plan', props.plan) ?? true;
    this.inventoryFile = requireOptionalString(subject, 'inventoryFile', props.inventoryFile);
    this.printFindings = requireOptionalBoolean(subject, 'printFindings', props.printFindings) ?? true;
    this.now = requireOptionalString(subject, 'now', props.now);
    this.failOn = requireOptionalEnum(subject, 'failOn', props.failOn, FailOn, 'FailOn') ?? FailOn.ERROR;
    this.productionLabel = requireOptionalString(subject, 'productionLabel', props.productionLabel);
    this.productionValues = props.productionValues === undefined ? undefined : requireArray<string>(subject, 'productionValues', props.productionValues, "['production', 'prod']").map((v, i) => requireString(subject, `productionValues[${i}]`, v));
    this.reports = requireOptionalBoolean(subject, 'reports', props.reports) ?? true;
    FleetRegistry.of(this).recordSources = this.writePlan && (requireOptionalBoolean(subject, 'recordSourceLocations', props.recordSourceLocations) ?? true);
  }

  /**
   * Synthesizes the YAML, then the plan files. Declared claims are recorded on each ManagedCluster
   * as the annotation `plan.cdk-fleet.io/declared-claims`, and declared Karmada members (which
   * `karmadactl` registers, so they are not in the YAML) as `plan.cdk-fleet.io/karmada-members` on
   * the ManagedCluster of the same name (else on the first Karmada policy), so `cdk-fleet plan` on
   * the YAML sees what this plan saw (claims themselves live on the spoke).
   */
  public override synth(): void {
    if (this.writePlan) {
      FleetRegistry.of(this).prepare();
      recordKarmadaMembers(this);
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
    if (this.reports) {
      writeFileSync(join(this.outdir, 'fleet-plan.html'), HtmlReport.render(plan));
      writeFileSync(join(this.outdir, 'fleet-plan.sarif'), SarifReport.render(plan, { toolVersion: packageVersion() }));
    }
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
    const { constructPaths, sources } = locations(this);
    const objects = this.charts.flatMap((c: Chart) => c.toJson());
    return buildFleetPlan({
      objects,
      claims: declaredClaims(this),
      karmadaClusters: karmadaClusters(this),
      inventory: this.inventoryFile ? readObjects(this.inventoryFile) : undefined,
      now: this.now,
      productionLabel: this.productionLabel,
      productionValues: this.productionValues,
      constructPaths,
      sources,
    }).plan;
  }
}

/** The claims declared on the app's ManagedClusters (they live on the spokes, not in the YAML). */
function declaredClaims(app: App): Record<string, Record<string, string>> {
  const claims: Record<string, Record<string, string>> = {};
  for (const c of ManagedCluster.allIn(app)) if (Object.keys(c.claims).length) claims[c.name] = c.claims;
  return claims;
}

/**
 * By finding subject (`Kind ns/name`): the construct path of the construct that owns each object
 * (its L2, for an object with id `Resource`), and where user code declared it.
 */
function locations(app: App): { constructPaths: Record<string, string>; sources: Record<string, string> } {
  const registry = FleetRegistry.of(app);
  const constructPaths: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const c of app.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const owner = c.node.id === 'Resource' && c.node.scope ? c.node.scope : c;
    const ns = c.metadata.namespace;
    const subject = `${c.kind} ${ns ? `${ns}/` : ''}${c.name}`;
    constructPaths[subject] = owner.node.path;
    const source = registry.sources.get(owner) ?? registry.sources.get(c);
    if (source) sources[subject] = source;
  }
  return { constructPaths, sources };
}

/** The fleet plan of every chart in `app` (claims taken from the declared ManagedClusters). */
export function planOf(app: App, inventory?: unknown[], now?: string): FleetPlan {
  const objects = app.charts.flatMap((c: Chart) => c.toJson());
  return buildFleetPlan({ objects, claims: declaredClaims(app), karmadaClusters: karmadaClusters(app), inventory, now }).plan;
}

/** The Karmada member Clusters declared in the app (Karmada creates them at registration, so they are not in the YAML). */
function karmadaClusters(app: App): Record<string, unknown>[] {
  return KarmadaCluster.allIn(app).map((c) => c.toPlanObject());
}

/**
 * Records the declared Karmada members in the YAML, so `cdk-fleet plan` on it sees what the plan at
 * synth saw: the annotation plan.cdk-fleet.io/karmada-members (a JSON list of Cluster objects) on the
 * ManagedCluster of the same name (the same fleet), or else on the first Karmada policy of the app.
 */
function recordKarmadaMembers(app: App): void {
  const managed = new Map(ManagedCluster.allIn(app).map((c) => [c.name, c]));
  const rest: Record<string, unknown>[] = [];
  for (const k of [...KarmadaCluster.allIn(app)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const mc = managed.get(k.name);
    if (mc) mc.apiObject.metadata.addAnnotation(PlanAnnotations.KARMADA_MEMBERS, JSON.stringify([k.toPlanObject()]));
    else rest.push(k.toPlanObject());
  }
  const policies = [...PropagationPolicy.allIn(app), ...ClusterPropagationPolicy.allIn(app)].map((p) => ({ key: `${p.namespace ? `${p.namespace}/` : ''}${p.name}`, p }));
  const first = policies.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
  if (rest.length > 0 && first) first.p.apiObject.metadata.addAnnotation(PlanAnnotations.KARMADA_MEMBERS, JSON.stringify(rest));
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
