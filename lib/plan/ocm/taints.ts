// Taints and tolerations (part of the OCM placement simulator; see placement.ts).
import { ClusterRec, ParsedTaint } from './prepared-state';
import { GO_ZERO_TIME } from './quantities';

export interface Toleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
  readonly seconds: number | undefined;
}

/** Result of checking one taint: tolerated (with an optional requeue time) or why not. */
export type TaintCheck = { readonly ok: true; readonly requeue?: number } | { readonly ok: false; readonly expiredAt?: number };

export function checkTaint(t: ParsedTaint, tolerations: readonly Toleration[], inDecision: boolean, now: number): TaintCheck {
  if (t.effect === 'PreferNoSelect') return { ok: true };
  if (t.effect === 'NoSelectIfNew' && inDecision) return { ok: true };
  let expiredAt: number | undefined;
  for (const tol of tolerations) {
    if (tol.effect.length > 0 && tol.effect !== t.effect) continue;
    if (tol.key.length > 0 && tol.key !== t.key) continue;
    let matched = false;
    if (tol.operator === '' || tol.operator === 'Equal') matched = tol.value === t.value;
    else if (tol.operator === 'Exists') matched = true;
    if (!matched) continue;
    if (tol.seconds === undefined) return { ok: true };
    const until = (t.timeAddedMs ?? GO_ZERO_TIME) + tol.seconds * 1000;
    if (now < until) return { ok: true, requeue: until };
    if (expiredAt === undefined) expiredAt = until;
  }
  return { ok: false, expiredAt };
}

/** isClusterTolerated: every taint tolerated; returns the earliest requeue, or the first failing taint. */
export function checkCluster(c: ClusterRec, tolerations: readonly Toleration[], inDecision: boolean, now: number): { ok: true; requeue?: number } | { ok: false; taint: ParsedTaint; check: TaintCheck } {
  let requeue: number | undefined;
  for (const t of c.taints) {
    const r = checkTaint(t, tolerations, inDecision, now);
    if (!r.ok) return { ok: false, taint: t, check: r };
    if (r.requeue !== undefined && (requeue === undefined || r.requeue < requeue)) requeue = r.requeue;
  }
  return { ok: true, requeue };
}

export function describeTaint(t: ParsedTaint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
