// `cdk-fleet explain <cluster> [dir]`: why a cluster is or is not selected.
import { explain } from '../plan/render';
import { CliError, CommandSpec } from './args';
import { loadPlan, PLAN_INPUT_OPTIONS, PLAN_READ_OPTIONS } from './load';

/** The `explain` command. */
export const EXPLAIN_COMMAND: CommandSpec = {
  name: 'explain',
  args: '<cluster> [dir]',
  min: 1,
  max: 2,
  summary: 'Says why a cluster is or is not selected by each placement and Sveltos profile, and what it receives in which wave.',
  options: [
    { name: 'placement', short: 'p', value: 'NAMESPACE/NAME', help: 'only this placement' },
    { name: 'profile', value: 'NAME|NAMESPACE/NAME', help: 'only this Sveltos ClusterProfile (name) or Profile (namespace/name)' },
    ...PLAN_INPUT_OPTIONS,
    ...PLAN_READ_OPTIONS,
  ],
  run({ positional, flags }, io) {
    if (flags.placement && flags.profile) throw new CliError('use --placement or --profile, not both');
    const p = loadPlan(positional[1] ?? 'dist', flags);
    io.out(`${explain(p, positional[0], { placement: flags.placement, profile: flags.profile }).join('\n')}\n`);
    return 0;
  },
};
