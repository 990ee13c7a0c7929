// `cdk-fleet plan [dir]`: the fleet plan of a folder of hub YAML.
import { FailOn, failingLevels } from '../plan/rules';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../plan/render';
import { CliError, CommandSpec } from './args';
import { loadPlan, PLAN_INPUT_OPTIONS } from './load';

const FORMATS = ['text', 'markdown', 'json'];

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
    { name: 'fail-on', value: 'error|warning|never', help: 'exit 3 when an open finding is at this level or above (default: error)' },
  ],
  run({ positional, flags }, io) {
    const format = flags.format ?? 'text';
    if (!FORMATS.includes(format)) throw new CliError(`--format ${format} is unknown; use ${FORMATS.join(', ')}`);
    const failOn = (flags['fail-on'] ?? FailOn.ERROR) as FailOn;
    if (!Object.values(FailOn).includes(failOn)) throw new CliError(`--fail-on ${failOn} is unknown; use ${Object.values(FailOn).join(', ')}`);
    const levels = failingLevels(failOn);
    const p = loadPlan(positional[0] ?? 'dist', flags);
    io.out(format === 'json' ? renderPlanJson(p) : format === 'markdown' ? renderPlanMarkdown(p) : renderPlanText(p));
    return p.findings.some((f) => !f.acknowledged && levels.includes(f.level)) ? 3 : 0;
  },
};
