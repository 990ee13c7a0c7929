// OCM's JSON library (`library.JsonLib()`): `<string>.parseJSON()` decodes JSON like Go's
// json.Unmarshal into interface{} (every number is a float64 double, objects are string-keyed
// maps), and its cost estimate. Facts: open-cluster-management-io/sdk-go pkg/cel/library/json.go
// and pkg/cel/library/cost.go (parseJSON: ceil(size × 0.1) + 30 per map, 10 per list, 0 per scalar).
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
        try {
          return jsonToCelDouble(JSON.parse(s as string));
        } catch (e) {
          return new CelErr(`failed to parse json: ${(e as Error).message}`);
        }
      })],
    },
  ],
  costEstimator: (fn, _id, args, result) => (fn === 'parseJSON' ? Math.ceil(actualSize(args[0]) * 0.1) + structCost(result) : undefined),
};
