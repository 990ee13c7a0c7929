// `cdk-fleet plan [dir]`: the fleet plan of a folder of hub YAML.
import { FailOn, failingLevels } from '../plan/rules';
import { HtmlReport, renderPlanJson, renderPlanMarkdown, renderPlanText, SarifReport } from '../plan/render';
import type { FleetPlanInput } from '../plan/types';
import { CliError, CommandSpec, OptionSpec } from './args';
import { loadPlan, PLAN_INPUT_OPTIONS, PLAN_READ_OPTIONS } from './load';

const FORMATS = ['text', 'markdown', 'json', 'sarif', 'html'];

/** `--production KEY=V1,V2`: which clusters count as production (FLEET003, diff warnings). */
export const PRODUCTION_OPTION: OptionSpec = { name: 'production', value: 'LABEL=V1,V2', help: 'the label and values that mark production clusters (default: env=production,prod)' };

/** The plan inputs `--production` gives. */
export function productionInput(flags: Readonly<Record<string, string>>): Partial<FleetPlanInput> {
  const v = flags.production;
  if (v === undefined) return {};
  const m = /^([^=\s]+)=(.+)$/.exec(v.trim());
  const values = m ? m[2].split(',').map((x) => x.trim()).filter(Boolean) : [];
  if (!m || values.length === 0) throw new CliError(`--production ${v} is not LABEL=VALUE[,VALUE...]; e.g. --production env=production,prod or --production tier=gold`);
  return { productionLabel: m[1], productionValues: values };
}

/** The `plan` command. */
export const PLAN_COMMAND: CommandSpec = {
  name: 'plan',
  args: '[dir]',
  min: 0,
  max: 1,
  summary: 'Plans a folder of hub YAML (default: dist): which clusters each placement and profile selects, rollout waves, findings.',
  details: 'dir is the output of cdk8s synth, or hand-written OCM / Sveltos YAML (read recursively; .yaml, .yml and .json).',
  options: [
    { name: 'format', short: 'f', value: FORMATS.join('|'), help: 'output format (default: text)' },
    ...PLAN_INPUT_OPTIONS,
    PRODUCTION_OPTION,
    { name: 'fail-on', value: 'error|warning|never', help: 'exit 3 when an open finding is at this level or above (default: error)' },
    ...PLAN_READ_OPTIONS,
  ],
  run({ positional, flags }, io) {
    const format = flags.format ?? 'text';
    if (!FORMATS.includes(format)) throw new CliError(`--format ${format} is unknown; use ${FORMATS.join(', ')}`);
    const failOn = (flags['fail-on'] ?? FailOn.ERROR) as FailOn;
    if (!Object.values(FailOn).includes(failOn)) throw new CliError(`--fail-on ${failOn} is unknown; use ${Object.values(FailOn).join(', ')}`);
    const levels = failingLevels(failOn);
    const p = loadPlan(positional[0] ?? 'dist', flags, productionInput(flags));
    const render: Record<string, () => string> = {
      text: () => renderPlanText(p),
      markdown: () => renderPlanMarkdown(p),
      json: () => renderPlanJson(p),
      sarif: () => SarifReport.render(p),
      html: () => HtmlReport.render(p),
    };
    io.out(render[format]());
    return p.findings.some((f) => !f.acknowledged && levels.includes(f.level)) ? 3 : 0;
  },
};
