// Reading a folder of hub YAML (and an optional inventory) into a fleet plan, for plan, explain
// and diff. Every problem of the folder and the inventory is reported at once (exit code 1);
// warnings about the input (objects given twice, versions no longer served, documents that are
// not objects) join the plan's warnings.
import { existsSync } from 'node:fs';
import { dnsLabelProblem } from '../core/names';
import { Order } from '../core/order';
import { parseQuantity } from '../core/quantity';
import { assertPlannable, buildFleetPlan } from '../plan/fleet-plan';
import { DEFAULT_MAX_FILE_SIZE, formatBytes, PlanInputReader, ReadInputOptions } from '../plan/input';
import type { FleetPlan, FleetPlanInput, PlanWarning } from '../plan/types';
import { CliError, OptionSpec } from './args';

/** The options every command that plans YAML accepts. */
export const PLAN_INPUT_OPTIONS: readonly OptionSpec[] = [
  { name: 'inventory', short: 'i', value: 'FILE', help: 'objects of the real hub (kubectl get managedclusters,placementdecisions -o yaml) to plan against' },
  { name: 'now', value: 'RFC3339', help: 'the time tolerationSeconds are evaluated at (default: the newest timestamp in the inventory)' },
];

/** How the YAML is read: listed after a command's own options. */
export const PLAN_READ_OPTIONS: readonly OptionSpec[] = [
  { name: 'namespace', short: 'n', value: 'NAMESPACE', help: 'namespace of namespaced objects that have none, as kubectl apply -n (default: they are an error)' },
  { name: 'max-file-size', value: 'SIZE', help: `largest file read, in bytes or as a quantity (default: ${formatBytes(DEFAULT_MAX_FILE_SIZE).replace(' MiB', 'Mi')}; e.g. 128Mi)` },
];

/** The reading options `--namespace` and `--max-file-size` give. */
export function readOptions(flags: Readonly<Record<string, string>>): ReadInputOptions {
  const ns = flags.namespace;
  if (ns !== undefined) {
    const p = dnsLabelProblem(ns);
    if (p) throw new CliError(`--namespace ${ns} is not a valid namespace: it ${p} (e.g. --namespace fleet-apps)`);
  }
  let maxFileSize: number | undefined;
  const size = flags['max-file-size'];
  if (size !== undefined) {
    const q = parseQuantity(size);
    const bytes = q && q.exponent >= 0 ? Number(q.mantissa * 10n ** BigInt(q.exponent)) : NaN;
    if (!q || !Number.isSafeInteger(bytes) || bytes < 1) {
      throw new CliError(`--max-file-size ${size} is not a size in bytes; e.g. --max-file-size 128Mi, 1Gi or 100000000`);
    }
    maxFileSize = bytes;
  }
  return { ...(ns !== undefined ? { namespace: ns } : {}), ...(maxFileSize !== undefined ? { maxFileSize } : {}) };
}

/** `plan` with `extra` warnings, sorted as the plan sorts its own (subject, then message). */
function withWarnings(plan: FleetPlan, extra: readonly PlanWarning[]): FleetPlan {
  if (extra.length === 0) return plan;
  const warnings = [...plan.warnings, ...extra].sort((a, b) => Order.strings(a.subject, b.subject) || Order.strings(a.message, b.message));
  return { ...plan, warnings };
}

/** Plans the YAML at `dir` (`extra`: further plan inputs a command's own options give). */
export function loadPlan(dir: string, flags: Readonly<Record<string, string>>, extra: Partial<FleetPlanInput> = {}): FleetPlan {
  if (!existsSync(dir)) throw new CliError(`${dir}: no such directory`);
  const options = readOptions(flags);
  const reader = new PlanInputReader();
  const input = reader.read(dir, options);
  // The inventory is an export of the hub: its objects carry their namespaces, so -n is not applied.
  const inventory = flags.inventory ? reader.read(flags.inventory, { maxFileSize: options.maxFileSize }) : undefined;
  // Nothing to plan comes first (when every file could be read): the problems of other objects do not matter then.
  if (input.complete) assertPlannable([...input.kinds].map((kind) => ({ kind })), dir);
  reader.throwIfProblems();
  assertPlannable(input.objects, dir);
  const plan = buildFleetPlan({ objects: input.objects, inventory: inventory?.objects, now: flags.now, ...extra }).plan;
  return withWarnings(plan, [...input.warnings, ...(inventory?.warnings ?? [])]);
}
