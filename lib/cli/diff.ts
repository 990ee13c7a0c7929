// `cdk-fleet diff <base> <head>`: what changes between two synth outputs (folders of hub YAML,
// planned here) or two plan JSON files, for a pull request.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { PlanDiff } from '../plan/diff';
import { PlanFormat } from '../plan/format';
import type { FleetPlan } from '../plan/types';
import { CliError, CommandSpec } from './args';
import { loadPlan, PLAN_INPUT_OPTIONS, PLAN_READ_OPTIONS } from './load';
import { PRODUCTION_OPTION, productionInput } from './plan';

const FORMATS = ['text', 'markdown', 'json'];

/** A plan JSON file, or a folder (or YAML file) of hub objects to plan. */
function planFrom(path: string, flags: Readonly<Record<string, string>>): FleetPlan {
  if (!existsSync(path)) throw new CliError(`${path}: no such file or directory`);
  if (statSync(path).isFile() && path.endsWith('.json')) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new CliError(`${path}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    const v = value as Record<string, unknown> | null;
    // A plan (it has clusters and a format version); anything else is hub objects.
    if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.clusters) && ('formatVersion' in v || 'version' in v)) return PlanFormat.read(v, path);
  }
  return loadPlan(path, flags, productionInput(flags));
}

/** The `diff` command. */
export const DIFF_COMMAND: CommandSpec = {
  name: 'diff',
  args: '<base> <head>',
  min: 2,
  max: 2,
  summary: 'Shows what changes between two fleet plans: clusters, placements, works, add-ons (chart versions), policies, rollout steps, findings.',
  details: [
    'base and head are folders of hub YAML (the output of synth: they are planned here) or plan JSON',
    'files (fleet-plan.json, cdk-fleet plan --format json). Plans of another major formatVersion are refused.',
    'markdown is meant for a pull-request comment: a Terraform-style summary line, clusters grouped by',
    'identical changes, long parts in <details>, and a warning mark on whatever leaves a production cluster',
    'or goes down a chart version.',
  ].join('\n'),
  options: [
    { name: 'format', short: 'f', value: FORMATS.join('|'), help: 'output format (default: text)' },
    { name: 'detailed-exitcode', switch: true, help: 'exit 0 when nothing changes, 2 when something does (1 stays an error)' },
    ...PLAN_INPUT_OPTIONS,
    PRODUCTION_OPTION,
    ...PLAN_READ_OPTIONS,
  ],
  run({ positional, flags }, io) {
    const format = flags.format ?? 'text';
    if (!FORMATS.includes(format)) throw new CliError(`--format ${format} is unknown; use ${FORMATS.join(', ')}`);
    const diff = PlanDiff.between(planFrom(positional[0], flags), planFrom(positional[1], flags));
    io.out(format === 'json' ? diff.toJson() : format === 'markdown' ? diff.toMarkdown() : diff.toText());
    return flags['detailed-exitcode'] && diff.hasChanges ? 2 : 0;
  },
};
