// The plan's findings as SARIF 2.1.0, for code-scanning tools (GitHub, Azure DevOps, IDEs).
import { RULES } from '../rules';
import { FindingLevel } from '../rules/rule';
import type { FleetPlan } from '../types';

/** Options of {@link SarifReport.render}. */
export interface SarifOptions {
  /**
   * The cdk-fleet version recorded as the tool's version.
   * @default - not recorded
   */
  readonly toolVersion?: string;
}

const LEVEL: Record<FindingLevel, string> = { [FindingLevel.ERROR]: 'error', [FindingLevel.WARNING]: 'warning', [FindingLevel.INFO]: 'note' };

/**
 * The plan's findings as a SARIF 2.1.0 log: one rule per rule of the pack (id, name, description,
 * default level, help = the fixes its findings suggest), one result per finding with its level,
 * message, fix, the object as a logical location (the construct path when known) and, when the
 * object carries `plan.cdk-fleet.io/source`, the file and line that declared it; acknowledged
 * findings as `inSource` suppressions with their reason; the simulators' warnings as tool
 * notifications. Deterministic: no timestamps, no absolute paths.
 */
export class SarifReport {
  /** The SARIF log as stable, pretty JSON with a final newline. */
  public static render(plan: FleetPlan, options: SarifOptions = {}): string {
    return `${JSON.stringify(SarifReport.log(plan, options), null, 2)}\n`;
  }

  /** The SARIF log as an object. */
  public static log(plan: FleetPlan, options: SarifOptions = {}): Record<string, unknown> {
    const fixes = new Map<string, string[]>();
    for (const f of plan.findings) {
      if (!fixes.has(f.id)) fixes.set(f.id, []);
      if (!fixes.get(f.id)!.includes(f.fix)) fixes.get(f.id)!.push(f.fix);
    }
    const rules = RULES.map((r) => {
      const help = fixes.get(r.id);
      return {
        id: r.id,
        name: r.name,
        shortDescription: { text: r.description },
        fullDescription: { text: r.description },
        defaultConfiguration: { level: LEVEL[r.level] },
        help: { text: help ? `Fix: ${help.join(' Or: ')}` : `${r.description} Each result says how to fix it.` },
      };
    });
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const results = plan.findings.map((f) => {
      const file = f.source ? /^(.*):(\d+)$/.exec(f.source) : null;
      return {
        ruleId: f.id,
        ruleIndex: index.get(f.id) ?? -1,
        level: LEVEL[f.level] ?? 'warning',
        message: { text: `${f.subject}: ${f.message}. Fix: ${f.fix}` },
        locations: [{
          ...(file ? { physicalLocation: { artifactLocation: { uri: file[1], uriBaseId: '%SRCROOT%' }, region: { startLine: Number(file[2]) } } } : {}),
          logicalLocations: [{ name: f.subject, fullyQualifiedName: f.constructPath ?? f.subject, kind: 'resource' }],
        }],
        partialFingerprints: { 'cdkFleetFinding/v1': `${f.id}|${f.subject}` },
        ...(f.acknowledged ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.acknowledged }] } : {}),
      };
    });
    return {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: 'cdk-fleet', ...(options.toolVersion ? { version: options.toolVersion } : {}), rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The project root (where synth ran).' } } },
        invocations: [{
          executionSuccessful: true,
          ...(plan.warnings.length ? {
            toolExecutionNotifications: plan.warnings.map((w) => ({
              level: 'warning',
              message: { text: `${w.subject}: ${w.message}` },
              locations: [{ logicalLocations: [{ name: w.subject, kind: 'resource' }] }],
            })),
          } : {}),
        }],
        results,
      }],
    };
  }

  private constructor() {}
}
