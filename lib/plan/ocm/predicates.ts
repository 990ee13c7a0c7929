// Predicates: label selector AND claim selector AND CEL expressions (part of the OCM placement simulator; see placement.ts).
import type { CompiledCel } from './cel';
import { ClusterRec, PreparedHubState, celModules } from './prepared-state';
import { FastSelector } from './selectors';

export interface CompiledPredicate {
  readonly label: FastSelector;
  readonly claim: FastSelector;
  readonly labelMatches: Uint8Array | undefined;
  readonly claimMatches: Uint8Array | undefined;
  readonly cel: readonly { readonly text: string; readonly program: Extract<CompiledCel, { ok: true }> }[];
}

export function predicateMatches(ix: PreparedHubState, p: CompiledPredicate, c: ClusterRec): boolean {
  if (p.labelMatches && p.labelMatches[c.idx] === 0) return false;
  if (p.claimMatches && p.claimMatches[c.idx] === 0) return false;
  if (p.cel.length === 0) return true;
  // ocm pkg/placement/helpers/cel.go evaluateAllExpressions: in order, sharing one cost budget.
  const { RUNTIME_COST_BUDGET } = celModules();
  let budget = RUNTIME_COST_BUDGET;
  for (const e of p.cel) {
    const ok = ix.celTrue(e.text, e.program, c);
    const cost = ix.celCost(e.text, c);
    if (cost > budget) return false;
    budget -= cost;
    if (!ok) return false;
  }
  return true;
}

export function predicateReason(ix: PreparedHubState, p: CompiledPredicate, c: ClusterRec): string {
  const l = p.label.selector.firstMismatch(c.labelsObj, 'label');
  if (l) return l;
  const cl = p.claim.selector.firstMismatch(c.claimsObj, 'claim');
  if (cl) return cl;
  if (p.cel.length === 0) return 'does not match the predicate';
  const { RUNTIME_COST_BUDGET } = celModules();
  let budget = RUNTIME_COST_BUDGET;
  for (const e of p.cel) {
    const r = e.program.evaluate(ix.celInputOf(c));
    if (r.cost > budget) return `CEL expression "${e.text}" exceeds the remaining runtime cost budget (${budget} of ${RUNTIME_COST_BUDGET})`;
    budget -= r.cost;
    if (r.kind === 'false') return `CEL expression "${e.text}" is false`;
    if (r.kind === 'error') return `CEL expression "${e.text}" failed: ${r.message}`;
    if (r.kind === 'notBool') return `CEL expression "${e.text}" returned a ${r.type}, not a bool`;
  }
  return 'does not match the predicate';
}
