// The `cdk-fleet` command: `plan` and `explain` over a folder of hub YAML.
import { existsSync } from 'node:fs';
import { FleetValidationError } from '../core/errors';
import { assertPlannable, buildFleetPlan, FleetPlan } from '../plan/fleet-plan';
import { readObjects } from '../plan/io';
import { explain, renderPlanJson, renderPlanMarkdown, renderPlanText } from '../plan/render';

const USAGE = `usage:
  cdk-fleet plan [dir] [--inventory managedclusters.yaml] [--format text|markdown|json] [--now RFC3339]
  cdk-fleet explain <cluster> [dir] [--placement ns/name | --profile name] [--inventory file] [--now RFC3339]

dir is a folder of YAML (default: dist), e.g. the output of cdk8s synth or hand-written OCM / Sveltos YAML.`;

/** A usage or input error: printed as one line, exit code 2. */
export class CliError extends Error {}

interface Args { positional: string[]; flags: Record<string, string> }

const FLAGS: Record<string, string[]> = {
  plan: ['inventory', 'format', 'now'],
  explain: ['inventory', 'placement', 'profile', 'now'],
};

function parseArgs(argv: string[], command: string): Args {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (k === 'help') { flags.help = 'true'; continue; }
      const allowed = FLAGS[command];
      if (allowed && !allowed.includes(k)) throw new CliError(`unknown option --${k} for ${command}; options: ${allowed.map((f) => `--${f}`).join(', ')}`);
      const val = v ?? argv[++i];
      if (val === undefined) throw new CliError(`--${k} needs a value`);
      flags[k] = val;
    } else positional.push(a);
  }
  return { positional, flags };
}

function plan(dir: string, flags: Record<string, string>): FleetPlan {
  if (!existsSync(dir)) throw new CliError(`${dir}: no such directory`);
  const objects = readObjects(dir);
  assertPlannable(objects, dir);
  const inventory = flags.inventory ? readObjects(flags.inventory) : undefined;
  return buildFleetPlan({ objects, inventory, now: flags.now }).plan;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  try {
    const [command, ...rest] = argv;
    const { positional, flags } = parseArgs(rest, command ?? '');
    if (!command || command === 'help' || command === '--help' || flags.help) {
      out(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === 'plan') {
      const p = plan(positional[0] ?? 'dist', flags);
      const format = flags.format ?? 'text';
      if (format === 'json') out(renderPlanJson(p));
      else if (format === 'markdown') out(renderPlanMarkdown(p));
      else if (format === 'text') out(renderPlanText(p));
      else throw new CliError(`--format ${format} is unknown; use text, markdown or json`);
      return 0;
    }
    if (command === 'explain') {
      const cluster = positional[0];
      if (!cluster) throw new CliError('explain needs a cluster name: cdk-fleet explain <cluster> [dir]');
      if (flags.placement && flags.profile) throw new CliError('use --placement or --profile, not both');
      const p = plan(positional[1] ?? 'dist', flags);
      out(`${explain(p, cluster, { placement: flags.placement, profile: flags.profile }).join('\n')}\n`);
      return 0;
    }
    throw new CliError(`unknown command "${command}"; commands: plan, explain (see cdk-fleet help)`);
  } catch (e) {
    if (e instanceof CliError || e instanceof FleetValidationError) {
      err(`cdk-fleet: ${e.message}\n`);
      return 2;
    }
    err(`cdk-fleet: ${(e as Error).message?.split('\n')[0] ?? String(e)}\n`);
    return 2;
  }
}
