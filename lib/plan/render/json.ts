// The plan as JSON (machine-readable, byte-identical for the same plan).
import type { FleetPlan } from '../types';

/** The plan as stable, pretty JSON with a final newline (byte-identical for the same plan). */
export function renderPlanJson(plan: FleetPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
