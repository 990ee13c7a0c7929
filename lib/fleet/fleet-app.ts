import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, App, AppProps, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../core/errors';
import { Order } from '../core/order';
import { packageVersion } from '../core/package';
import { YamlEmitter } from '../core/yaml-emitter';
import { Cluster as KarmadaCluster, ClusterPropagationPolicy, PropagationPolicy } from '../karmada';
import { ManagedCluster } from '../ocm/managed-cluster';
import { DECLARED_CLAIMS_ANNOTATION, FleetPlan, PlanAnnotations } from '../plan/fleet-plan';
import { FleetModel } from './fleet-model';
import { readObjects } from '../plan/io';
import { HtmlReport, renderFindingsConsole, SarifReport, writePlanJson, writePlanMarkdown } from '../plan/render';
import { FleetRegistry } from '../ocm/_registry';
import { RULES, ACK_ANNOTATION_PREFIX, FailOn } from '../plan/rules';
import { APP_PROP_KEYS, requireArray, requireKnownProps, requireOptionalBoolean, requireOptionalEnum, requireOptionalString, requireString } from '../core/validate';

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
  /** The keys of {@link FleetAppProps}. @internal */
  public static readonly PROP_KEYS: readonly string[] = [...APP_PROP_KEYS, 'plan', 'inventoryFile', 'printFindings', 'failOn', 'now', 'productionLabel', 'productionValues', 'reports', 'recordSourceLocations'];

  private readonly writePlan: boolean;
  private readonly inventoryFile?: string;
  private readonly printFindings: boolean;
  private readonly now?: string;
  private readonly failOn: FailOn;
  private readonly productionLabel?: string;
  private readonly productionValues?: string[];
  private readonly reports: boolean;

  constructor(props: FleetAppProps = {}) {
    super(requireKnownProps('FleetApp', props, "{ outdir: 'dist' }", FleetApp.PROP_KEYS, true));
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
   * Synthesizes in one pass: completes the declarations (registration chains), renders every chart
   * once, plans those objects once, writes the plan files and prints the findings, runs every
   * construct's validation (the plan's open findings at the `failOn` level among them), and only
   * then writes the YAML. Declared claims are recorded on each ManagedCluster as the annotation
   * `plan.cdk-fleet.io/declared-claims`, and declared Karmada members (which `karmadactl` registers,
   * so they are not in the YAML) as `plan.cdk-fleet.io/karmada-members` on the ManagedCluster of the
   * same name (else on the first Karmada policy), so `cdk-fleet plan` on the YAML sees what this
   * plan saw (claims themselves live on the spoke).
   */
  public override synth(): void {
    const registry = FleetRegistry.of(this);
    registry.prepare();
    if (this.writePlan) {
      recordKarmadaMembers(this);
      for (const c of ManagedCluster.allIn(this)) {
        const claims = c.claims;
        if (Object.keys(claims).length) c.apiObject.metadata.addAnnotation(DECLARED_CLAIMS_ANNOTATION, JSON.stringify(Object.fromEntries(Object.keys(claims).sort().map((k) => [k, claims[k]]))));
      }
    }
    let model: FleetModel;
    try {
      // Built once here and handed to the checks below, so nothing needs the model cache.
      model = this.model(false);
    } catch (e) {
      // A construct that cannot render: its own validation says why, in the user's terms.
      const { errors } = validateTree(this);
      if (errors.length > 0) fail('synth', `validation failed with ${errors.length} problem${errors.length > 1 ? 's' : ''}:\n  ${errors.join('\n  ')}`);
      throw e;
    }
    // Validation below reuses this model; its findings are listed first, each with its construct path.
    registry.synthModel = { problems: () => [], reachedSveltosClusters: (kind, ns, name) => model.reachedSveltosClusters(kind, ns, name) };
    try {
      if (this.writePlan) this.writePlanFiles(model.plan);
      const tree = validateTree(this);
      const dependencies = tree.dependencies;
      const errors = [...model.problems(), ...tree.errors];
      if (errors.length > 0) fail('synth', `validation failed with ${errors.length} problem${errors.length > 1 ? 's' : ''}${this.writePlan ? ` (the plan is in ${join(this.outdir, 'fleet-plan.md')}; the YAML was not written)` : ''}:\n  ${errors.join('\n  ')}`);
      if (this.yamlOutputType !== YamlOutputType.FILE_PER_CHART || (this as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata || dependencies) {
        super.synth(); // layouts and chart dependencies cdk8s handles itself (the charts render again)
        return;
      }
      mkdirSync(this.outdir, { recursive: true });
      for (const [chart, objects] of model.objectsByChart) {
        writeFileSync(join(this.outdir, `${Names.toDnsLabel(chart)}${this.outputFileExtension}`), YamlEmitter.documents(objects), { encoding: 'utf8' });
      }
    } finally {
      registry.synthModel = undefined;
    }
  }

  /** The fleet plan of this app's objects (and the inventory file, when given). */
  public plan(): FleetPlan {
    return this.model().plan;
  }

  private model(cache = true): FleetModel {
    return FleetModel.build(this, {
      cache,
      inventory: this.inventoryFile ? readObjects(this.inventoryFile) : undefined,
      now: this.now,
      productionLabel: this.productionLabel,
      productionValues: this.productionValues,
      failOn: this.failOn,
    });
  }

  private writePlanFiles(plan: FleetPlan): void {
    mkdirSync(this.outdir, { recursive: true });
    // Written in pieces: a large fleet's plan is hundreds of MB as one string.
    writeInPieces(join(this.outdir, 'fleet-plan.json'), (write) => writePlanJson(plan, write));
    writeInPieces(join(this.outdir, 'fleet-plan.md'), (write) => writePlanMarkdown(plan, write));
    if (this.reports) {
      writeFileSync(join(this.outdir, 'fleet-plan.html'), HtmlReport.render(plan));
      writeFileSync(join(this.outdir, 'fleet-plan.sarif'), SarifReport.render(plan, { toolVersion: packageVersion() }));
    }
    if (this.printFindings) process.stderr.write(renderFindingsConsole(plan).map((l) => `${l}\n`).join(''));
  }
}

/** Writes the UTF-8 text `produce` hands over in pieces to `path`, a few MB at a time. */
function writeInPieces(path: string, produce: (write: (chunk: string) => void) => void): void {
  const fd = openSync(path, 'w');
  try {
    // Each piece is encoded straight into one reused buffer (no joined copy of the text): a UTF-16
    // code unit is at most 3 bytes of UTF-8, so a piece that may not fit waits for a write.
    const buffer = Buffer.allocUnsafe(1 << 22);
    let used = 0;
    const writeAll = (bytes: Buffer, length: number) => {
      for (let at = 0; at < length;) at += writeSync(fd, bytes, at, length - at);
    };
    produce((chunk) => {
      if (chunk.length * 3 > buffer.length - used) {
        writeAll(buffer, used);
        used = 0;
        if (chunk.length * 3 > buffer.length) {
          const bytes = Buffer.from(chunk, 'utf8');
          writeAll(bytes, bytes.length);
          return;
        }
      }
      used += buffer.write(chunk, used, 'utf8');
    });
    writeAll(buffer, used);
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs every construct's validation once, as cdk8s does at synth (`[path] message`), and says
 * whether any construct declares a dependency (cdk8s then orders and names charts itself).
 */
function validateTree(app: App): { errors: string[]; dependencies: boolean } {
  const errors: string[] = [];
  let dependencies = false;
  for (const c of app.node.findAll()) {
    if (c.node.dependencies.length > 0) dependencies = true;
    for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  }
  return { errors, dependencies };
}

/** The fleet plan of every chart in `app` (claims taken from the declared ManagedClusters). */
export function planOf(app: App, inventory?: unknown[], now?: string): FleetPlan {
  return FleetModel.build(app, { inventory, now }).plan;
}

/**
 * Records the declared Karmada members in the YAML, so `cdk-fleet plan` on it sees what the plan at
 * synth saw: the annotation plan.cdk-fleet.io/karmada-members (a JSON list of Cluster objects) on the
 * ManagedCluster of the same name (the same fleet), or else on the first Karmada policy of the app.
 */
function recordKarmadaMembers(app: App): void {
  const managed = new Map(ManagedCluster.allIn(app).map((c) => [c.name, c]));
  const rest: Record<string, unknown>[] = [];
  for (const k of [...KarmadaCluster.allIn(app)].sort((a, b) => Order.strings(a.name, b.name))) {
    const mc = managed.get(k.name);
    if (mc) mc.apiObject.metadata.addAnnotation(PlanAnnotations.KARMADA_MEMBERS, JSON.stringify([k.toPlanObject()]));
    else rest.push(k.toPlanObject());
  }
  const policies = [...PropagationPolicy.allIn(app), ...ClusterPropagationPolicy.allIn(app)].map((p) => ({ key: `${p.namespace ? `${p.namespace}/` : ''}${p.name}`, p }));
  const first = policies.sort((a, b) => Order.strings(a.key, b.key))[0];
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
