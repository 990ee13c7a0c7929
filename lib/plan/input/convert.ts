// Reading objects of versions the hub no longer serves as the served version, as the conversion
// the hub had then did, and how kubectl reads a plain YAML scalar (YAML 1.1, go-yaml v2).

import { Order } from '../../core/order';

type Obj = Record<string, any>;

/** A YAML 1.1 value as go-yaml v2 resolves a plain scalar (kubectl reads YAML with it). @internal */
export type GoYamlValue = { type: 'string'; value: string } | { type: 'bool'; value: boolean } | { type: 'null' } | { type: 'int' | 'float'; value: number };

const GO_YAML_BOOL: Record<string, boolean> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) GO_YAML_BOOL[s] = true;
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) GO_YAML_BOOL[s] = false;
const GO_YAML_NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;

/**
 * How go-yaml v2 resolves the plain (unquoted) scalar `text`: kubernetes-sigs/yaml
 * goyaml.v2/resolve.go (`resolveMapList`: y/yes/on/true... are booleans, `~`/null are null;
 * integers with `_`, 0x, 0o, 0b and leading-0 octal; floats; `.inf`/`.nan`). Timestamps stay
 * strings here (kubectl turns them back into strings).
 * @internal
 */
export function goYamlPlainScalar(text: string): GoYamlValue {
  if (text in GO_YAML_BOOL) return { type: 'bool', value: GO_YAML_BOOL[text] };
  if (GO_YAML_NULL.has(text)) return { type: 'null' };
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return { type: 'float', value: text.startsWith('-') ? -Infinity : Infinity };
  if (/^\.(nan|NaN|NAN)$/.test(text)) return { type: 'float', value: NaN };
  const plain = text.replace(/_/g, '');
  if (/^[-+0-9.]/.test(text)) {
    if (GO_INT.test(plain)) {
      const neg = plain.startsWith('-');
      const digits = plain.replace(/^[-+]/, '');
      const value = /^0[0-7]+$/.test(digits) ? parseInt(digits, 8) : /^0[oO]/.test(digits) ? parseInt(digits.slice(2), 8) : Number(digits);
      return { type: 'int', value: neg ? -value : value };
    }
    if (GO_YAML_FLOAT.test(plain)) return { type: 'float', value: Number(plain) };
  }
  return { type: 'string', value: text };
}

/** A parsed label selector string (metav1.ParseToLabelSelector), or the reason it is not one. */
export type ParsedSelector = { selector: Obj } | { error: string };

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const OPERATORS = ['!=', '==', '=', '!', '(', ')', ',', '>', '<'];

/** Tokens of a selector string, as k8s.io/apimachinery pkg/labels/selector.go Lexer scans them. */
function tokens(s: string): string[] | string {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { i++; continue; }
    if (SPECIAL.has(c)) {
      const op = OPERATORS.find((o) => s.startsWith(o, i));
      if (!op) return `unexpected "${c}"`;
      out.push(op);
      i += op.length;
      continue;
    }
    let j = i;
    while (j < s.length && !SPECIAL.has(s[j]) && !' \t\r\n'.includes(s[j])) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * `metav1.ParseToLabelSelector` (k8s.io/apimachinery pkg/apis/meta/v1/helpers.go): `a=b`/`a==b`
 * give matchLabels; `in`, `notin`, `key`, `!key` give matchExpressions (values sorted); `!=`, `<`
 * and `>` are refused, as there. Requirements are sorted by key, as labels.Parse sorts them.
 * @internal
 */
export function parseSelectorString(s: string): ParsedSelector {
  const t = tokens(s);
  if (typeof t === 'string') return { error: t };
  const matchLabels: Record<string, string> = {};
  const reqs: { key: string; operator: string; values?: string[] }[] = [];
  const isIdent = (x: string | undefined) => x !== undefined && !OPERATORS.includes(x);
  let i = 0;
  while (i < t.length) {
    if (t[i] === '!') {
      if (!isIdent(t[i + 1])) return { error: 'expected a key after "!"' };
      reqs.push({ key: t[i + 1], operator: 'DoesNotExist' });
      i += 2;
    } else if (isIdent(t[i])) {
      const key = t[i];
      const op = t[i + 1];
      if (op === undefined || op === ',') {
        reqs.push({ key, operator: 'Exists' });
        i += 1;
      } else if (op === '=' || op === '==') {
        const v = t[i + 2];
        const value = isIdent(v) ? v! : '';
        matchLabels[key] = value;
        i += isIdent(v) ? 3 : 2;
      } else if (op === 'in' || op === 'notin') {
        if (t[i + 2] !== '(') return { error: `expected "(" after ${op}` };
        const values: string[] = [];
        let j = i + 3;
        while (j < t.length && t[j] !== ')') {
          if (t[j] !== ',') values.push(t[j]);
          j++;
        }
        if (t[j] !== ')') return { error: 'expected ")"' };
        reqs.push({ key, operator: op === 'in' ? 'In' : 'NotIn', values: [...new Set(values.length ? values : [''])].sort() });
        i = j + 1;
      } else if (op === '!=' || op === '<' || op === '>') {
        return { error: `"${op}" is not a valid label selector operator (the conversion refuses it)` };
      } else {
        return { error: `unexpected "${op}" after ${key}` };
      }
    } else {
      return { error: `unexpected "${t[i]}"` };
    }
    if (i < t.length) {
      if (t[i] !== ',') return { error: `expected "," but found "${t[i]}"` };
      i++;
      if (i >= t.length) return { error: 'expected a requirement after ","' };
    }
  }
  const selector: Obj = {};
  if (Object.keys(matchLabels).length) selector.matchLabels = matchLabels;
  const expressions = reqs.sort(Order.by((r) => r.key)).map((r) => (r.values ? { key: r.key, operator: r.operator, values: r.values } : { key: r.key, operator: r.operator }));
  if (expressions.length) selector.matchExpressions = expressions;
  return { selector };
}

/**
 * Reads `o` (of a removed version) as `toVersion`, as the conversion the hub had then did. Returns
 * a note for the warning (what was converted), or an error when the conversion would have failed.
 * Mutates `o`.
 * @internal
 */
export function convertRemovedVersion(o: Obj, group: string, toVersion: string): { note?: string; error?: string } {
  o.apiVersion = `${group}/${toVersion}`;
  if (group === 'cluster.open-cluster-management.io' && o.kind === 'ManagedClusterSet') {
    // ocm registration webhook (v1beta1 <-> v1beta2): LegacyClusterSetLabel is ExclusiveClusterSetLabel.
    const cs = o.spec?.clusterSelector;
    if (cs && typeof cs === 'object' && cs.selectorType === 'LegacyClusterSetLabel') {
      cs.selectorType = 'ExclusiveClusterSetLabel';
      return { note: 'selectorType LegacyClusterSetLabel read as ExclusiveClusterSetLabel, as the v1beta1 to v1beta2 conversion did' };
    }
    return {};
  }
  const sveltosSelector = (group === 'config.projectsveltos.io' && (o.kind === 'ClusterProfile' || o.kind === 'Profile'))
    || (group === 'lib.projectsveltos.io' && (o.kind === 'ClusterSet' || o.kind === 'Set'));
  if (sveltosSelector && o.spec && typeof o.spec === 'object' && (typeof o.spec.clusterSelector === 'string' || o.spec.clusterSelector === undefined)) {
    // addon-controller api/v1alpha1 conversion_utils.go (Convert_v1alpha1_Spec_To_v1beta1_Spec) and
    // libsveltos api/v1alpha1: the v1alpha1 selector string through metav1.ParseToLabelSelector.
    const text: string = o.spec.clusterSelector ?? '';
    const parsed = parseSelectorString(text);
    if ('error' in parsed) return { error: `spec.clusterSelector ${JSON.stringify(text)} cannot be converted to a v1beta1 label selector: ${parsed.error}; write spec.clusterSelector as {matchLabels: ...} with apiVersion ${group}/${toVersion}` };
    o.spec.clusterSelector = parsed.selector;
    return text ? { note: `spec.clusterSelector ${JSON.stringify(text)} read as ${JSON.stringify(parsed.selector)}, as the v1alpha1 to v1beta1 conversion did` } : {};
  }
  return {};
}
