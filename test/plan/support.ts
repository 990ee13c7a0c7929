// Shared helpers of the plan tests: the hand-written hub, the example fleet's objects, schema checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { buildFleet } from '../../examples/fleet';
import { buildFleetPlan } from '../../lib/plan/fleet-plan';
import type { FleetPlan, FleetPlanInput } from '../../lib/plan/types';

/** The objects of a YAML file under test/plan/fixtures. */
export function fixture(name: string): any[] {
  return parseAllDocuments(readFileSync(join(__dirname, 'fixtures', name), 'utf8')).map((d) => d.toJS()).filter(Boolean);
}

/** The example fleet's hub objects, optionally changed by `edit` before synth. */
export function exampleObjects(): any[] {
  const { app } = buildFleet({ outdir: 'unused', printFindings: false });
  return app.charts.flatMap((c) => c.toJson());
}

/** The plan of `objects`. */
export function planOf(objects: readonly unknown[], input: Partial<FleetPlanInput> = {}): FleetPlan {
  return buildFleetPlan({ objects, ...input }).plan;
}

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validatePlan = ajv.compile(JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'fleet-plan.schema.json'), 'utf8')));

/** The schema errors of a plan (as JSON, the way a consumer reads fleet-plan.json), one line each. */
export function planSchemaErrors(plan: unknown): string[] {
  const json = JSON.parse(JSON.stringify(plan));
  return validatePlan(json) ? [] : (validatePlan.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
