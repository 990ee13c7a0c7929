// OCM's JSON library (`library.JsonLib()`): `<string>.parseJSON()` decodes JSON like Go's
// json.Unmarshal into interface{} (every number is a float64 double, objects are string-keyed
// maps), and its cost estimate. Facts: open-cluster-management-io/sdk-go pkg/cel/library/json.go
// and pkg/cel/library/cost.go (parseJSON: ceil(size × 0.1) + 30 per map, 10 per list, 0 per scalar);
// syntax errors carry Go's encoding/json scanner messages (scanner.go).
import { CelLibrary, memberOverload } from './decls';
import { T } from './types';
import { CelErr, CelVal, MapVal, actualSize } from './values';

/** A JSON value as Go's encoding/json decodes it into interface{} (numbers are doubles). */
export function jsonToCelDouble(v: unknown): CelVal {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(jsonToCelDouble);
  const m = new Map<string, CelVal>();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, jsonToCelDouble(x));
  return new MapVal(m);
}

function structCost(v: CelVal): number {
  if (v instanceof MapVal) {
    let c = 30;
    for (const k of v.keys()) c += structCost(v.get(k)!);
    return c;
  }
  if (Array.isArray(v)) {
    let c = 10;
    for (const x of v) c += structCost(x);
    return c;
  }
  return 0;
}

/** The JSON library. */
export const JSON_LIB: CelLibrary = {
  name: 'open-cluster-management.json',
  functions: [
    {
      name: 'parseJSON',
      overloads: [memberOverload('parse_json_string', [T.STRING], T.DYN, ([s]) => {
        const problem = goJsonSyntaxError(s as string);
        if (problem) return new CelErr(`failed to parse json: ${problem}`);
        const v: unknown = JSON.parse(s as string);
        if (typeof v === 'number' && !Number.isFinite(v)) return new CelErr(`failed to parse json: json: cannot unmarshal number ${String(s).trim()} into Go value of type float64`);
        return jsonToCelDouble(v);
      })],
    },
  ],
  costEstimator: (fn, _id, args, result) => (fn === 'parseJSON' ? Math.ceil(actualSize(args[0]) * 0.1) + structCost(result) : undefined),
};

/** Go's strconv.Quote of one character, in single quotes (encoding/json quoteChar). */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return '\'"\'';
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

/** The syntax error Go's encoding/json reports for `s`, or undefined when `s` is valid JSON. */
export function goJsonSyntaxError(s: string): string | undefined {
  let i = 0;
  const n = s.length;
  const ws = (): void => {
    while (i < n && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  class Syntax extends Error {}
  const fail = (context: string): never => {
    if (i >= n) throw new Syntax('unexpected end of JSON input');
    throw new Syntax(`invalid character ${quoteChar(String.fromCodePoint(s.codePointAt(i)!))} ${context}`);
  };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (s[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const digits = (): number => {
    const start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    return i - start;
  };
  const number = (): void => {
    if (s[i] === '-') {
      i++;
      if (!(s[i] >= '0' && s[i] <= '9')) fail('in numeric literal');
    }
    if (s[i] === '0') i++;
    else digits();
    if (s[i] === '.') {
      i++;
      if (digits() === 0) fail('after decimal point in numeric literal');
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (digits() === 0) fail('in exponent of numeric literal');
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= n) fail('');
      const c = s[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (i >= n) fail('');
        if ('"\\/bfnrt'.includes(s[i])) i++;
        else if (s[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(s[i] ?? '')) fail('in \\u hexadecimal character escape');
        } else fail('in string escape code');
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('in string literal');
      i++;
    }
  };
  const value = (): void => {
    ws();
    if (i >= n) fail('');
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail('looking for beginning of object key string');
        string();
        ws();
        if (s[i] !== ':') fail('after object key');
        i++;
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail('after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return fail('looking for beginning of value');
  };
  try {
    value();
    ws();
    if (i < n) fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof Syntax) return e.message;
    throw e;
  }
}
