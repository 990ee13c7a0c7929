// Rendering and validation of the Karmada values that are plain structs (affinities, tolerations).
import { describeValue, fail } from '../core/errors';
import { labelKeyProblem, validateDnsSubdomain } from '../core/names';
import { asSelector } from '../core/selector';
import { ClusterAffinity, ClusterToleration, FieldSelectorRequirement, TaintEffect, TolerationOperator } from './values';

function clusterNameList(subject: string, what: string, names: unknown): string[] {
  if (names === undefined) return [];
  if (!Array.isArray(names)) return fail(subject, `${what} must be a list of cluster names, got ${describeValue(names)}`);
  for (const n of names) {
    if (typeof n !== 'string') fail(subject, `${what} entry ${describeValue(n)} is not a cluster name`);
    validateDnsSubdomain(subject, `${what} entry`, n);
  }
  return [...names];
}

/** Validates an affinity and returns it in API shape (empty parts omitted). */
export function renderClusterAffinity(subject: string, where: string, a: ClusterAffinity | undefined): Record<string, unknown> {
  if (!a) return {};
  if (typeof a !== 'object') fail(subject, `${where} must be a ClusterAffinity object, got ${describeValue(a)}`);
  const out: Record<string, unknown> = {};
  const sel = asSelector(subject, `${where}.labelSelector`, a.labelSelector);
  if (sel) {
    sel.validate(subject, `${where}.labelSelector`);
    if (!sel.isEmpty) out.labelSelector = sel.toJson();
  }
  const fields = a.fieldSelector ?? [];
  if (!Array.isArray(fields)) fail(subject, `${where}.fieldSelector must be a list of FieldSelectorRequirement, got ${describeValue(fields)}`);
  fields.forEach((f, i) => {
    if (!(f instanceof FieldSelectorRequirement)) fail(subject, `${where}.fieldSelector[${i}] is ${describeValue(f)}, not a FieldSelectorRequirement; use FieldSelectorRequirement.in(ClusterField.REGION, 'eu-west-1')`);
    f._validate(subject, `${where}.fieldSelector`);
  });
  if (fields.length > 0) out.fieldSelector = { matchExpressions: fields.map((f) => f._render()) };
  const names = clusterNameList(subject, `${where}.clusterNames`, a.clusterNames);
  if (names.length > 0) out.clusterNames = names;
  const exclude = clusterNameList(subject, `${where}.exclude`, a.exclude);
  if (exclude.length > 0) out.exclude = exclude;
  const both = names.filter((n) => exclude.includes(n));
  if (both.length > 0 && both.length === names.length) {
    fail(subject, `${where} lists ${both.join(', ')} in both clusterNames and exclude; exclude wins, so it targets no cluster. Drop them from one of the lists`);
  }
  return out;
}

/** Validates a toleration and returns it in API shape. */
export function renderToleration(subject: string, t: ClusterToleration): Record<string, unknown> {
  const op = t.operator ?? TolerationOperator.EQUAL;
  const key = t.key ?? '';
  if (!Object.values(TolerationOperator).includes(op)) {
    fail(subject, `clusterToleration ${JSON.stringify(key)} has operator ${JSON.stringify(op)}; allowed: Equal, Exists (Karmada rejects Lt and Gt)`);
  }
  if (key) {
    const p = labelKeyProblem(key);
    if (p) fail(subject, `clusterToleration key ${JSON.stringify(key)} is not a valid taint key (Karmada validates Cluster taint keys as label keys, so it never matches a taint): it ${p}`);
  }
  if (t.effect !== undefined && !Object.values(TaintEffect).includes(t.effect)) {
    fail(subject, `clusterToleration ${key} has effect ${JSON.stringify(t.effect)}; allowed: NoSchedule, NoExecute (the only effects a Cluster taint can have), or omit it for every effect`);
  }
  if (t.tolerationSeconds !== undefined) {
    if (!Number.isInteger(t.tolerationSeconds) || t.tolerationSeconds < 0) fail(subject, `clusterToleration ${key} has tolerationSeconds ${t.tolerationSeconds}; use a whole number of seconds >= 0`);
  }
  const out: Record<string, unknown> = {};
  if (key) out.key = key;
  out.operator = op;
  if (t.value) out.value = t.value;
  if (t.effect) out.effect = t.effect;
  if (t.tolerationSeconds !== undefined) out.tolerationSeconds = t.tolerationSeconds;
  return out;
}

