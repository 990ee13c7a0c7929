// Label and claim selectors compiled once per placement (part of the OCM placement simulator; see placement.ts).
import { FleetValidationError } from '../../core/errors';
import { LabelSelector } from '../../core/selector';
import type { LabelSelectorJson } from '../../core/selector';

/** A label/claim selector compiled for fast matching, with the core LabelSelector kept for reasons. */
export interface FastSelector {
  readonly empty: boolean;
  readonly selector: LabelSelector;
  /** Canonical JSON of the selector (memo key). */
  readonly key: string;
  test(m: ReadonlyMap<string, string>): boolean;
}

export const MATCH_ALL: FastSelector = { empty: true, selector: LabelSelector.all(), key: '{}', test: () => true };

/**
 * Validates and compiles a selector as `metav1.LabelSelectorAsSelector` would: returns the problem
 * message when the API machinery would reject it.
 */
export function compileSelector(json: LabelSelectorJson | undefined, subject: string, what: string): FastSelector | string {
  if (json === undefined || json === null) return MATCH_ALL;
  let sel: LabelSelector;
  try {
    sel = LabelSelector.fromJson(json);
    sel.validate(subject, what);
  } catch (e) {
    return e instanceof FleetValidationError ? e.problem : (e as Error).message;
  }
  if (sel.isEmpty) return { empty: true, selector: sel, key: '{}', test: () => true };
  const mlKeys = Object.keys(sel.matchLabels);
  const mlVals = mlKeys.map((k) => sel.matchLabels[k]);
  const exprs = sel.matchExpressions.map((e) => ({ key: e.key, op: e.operator, values: new Set(e.values ?? []) }));
  return {
    empty: false,
    selector: sel,
    key: JSON.stringify(sel.toJson()),
    test(m: ReadonlyMap<string, string>): boolean {
      for (let i = 0; i < mlKeys.length; i++) {
        if (m.get(mlKeys[i]) !== mlVals[i]) return false;
      }
      for (let i = 0; i < exprs.length; i++) {
        const e = exprs[i];
        const v = m.get(e.key);
        switch (e.op) {
          case 'In':
            if (v === undefined || !e.values.has(v)) return false;
            break;
          case 'NotIn':
            if (v !== undefined && e.values.has(v)) return false;
            break;
          case 'Exists':
            if (v === undefined) return false;
            break;
          case 'DoesNotExist':
            if (v !== undefined) return false;
            break;
          default:
            return false;
        }
      }
      return true;
    },
  };
}
