// Reading a folder of hub YAML (and an optional inventory) into a fleet plan, for plan and explain.
import { existsSync } from 'node:fs';
import { assertPlannable, buildFleetPlan } from '../plan/fleet-plan';
import { readObjects } from '../plan/io';
import type { FleetPlan, FleetPlanInput } from '../plan/types';
import { CliError, OptionSpec } from './args';

/** The options every command that plans YAML accepts. */
export const PLAN_INPUT_OPTIONS: readonly OptionSpec[] = [
  { name: 'inventory', short: 'i', value: 'FILE', help: 'objects of the real hub (kubectl get managedclusters,placementdecisions -o yaml) to plan against' },
  { name: 'now', value: 'RFC3339', help: 'the time tolerationSeconds are evaluated at (default: the newest timestamp in the inventory)' },
];

/** Plans the YAML at `dir` (`extra`: further plan inputs a command's own options give). */
export function loadPlan(dir: string, flags: Readonly<Record<string, string>>, extra: Partial<FleetPlanInput> = {}): FleetPlan {
  if (!existsSync(dir)) throw new CliError(`${dir}: no such directory`);
  const objects = readObjects(dir);
  assertPlannable(objects, dir);
  const inventory = flags.inventory ? readObjects(flags.inventory) : undefined;
  return buildFleetPlan({ objects, inventory, now: flags.now, ...extra }).plan;
}
