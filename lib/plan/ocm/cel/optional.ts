// cel-go's optional types as OCM configures them: `cel.OptionalTypes()` without options, i.e. the
// latest version (math.MaxUint32): optional.of/ofNonZeroValue/none, value, hasValue, or, orValue,
// optional field selection and indexing, the optMap (v0) and optFlatMap (v1) macros (expanded by
// syntax.ts), first/last/optional.unwrap/unwrapOpt (v2). Facts: cel-go v0.29.2 cel/library.go
// (optionalLib), common/types/optional.go, common/types/*.go IsZeroValue.
import { CelLibrary, memberOverload, overload } from './decls';
import { listOf, mapOf, optionalOf, T, typeOf, typeParam } from './types';
import { CelErr, CelVal, Duration, ListVal, MapVal, OptionalVal, Timestamp, Uint, noSuchOverload } from './values';

const K = typeParam('K');
const V = typeParam('V');
const OPT_V = optionalOf(V);
const LIST_V = listOf(V);
const MAP_KV = mapOf(K, V);

/** Zero values (cel-go traits.Zeroer): null, false, 0, 0u, 0.0, "", b"", [], {}, 0s, 0001-01-01T00:00:00Z, none. */
export function isZeroValue(v: CelVal): boolean {
  if (v === null || v === false || v === 0n || v === 0 || v === '') return true;
  if (v instanceof Uint) return v.v === 0n;
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length === 0;
  if (v instanceof MapVal) return v.size === 0;
  if (v instanceof Duration) return v.ns === 0n;
  if (v instanceof Timestamp) return v.ns === -62135596800n * 1_000_000_000n;
  if (v instanceof OptionalVal) return !v.has;
  return false;
}

function unwrap([l]: readonly CelVal[]): CelVal {
  const out: CelVal[] = [];
  for (const e of l as ListVal) {
    if (!(e instanceof OptionalVal)) return new CelErr(`value ${String(e)} is not optional`);
    if (e.has) out.push(e.value);
  }
  return out;
}

/** The optional types library. */
export const OPTIONAL: CelLibrary = {
  name: 'cel.lib.optional',
  typeIdents: { optional_type: typeOf(OPT_V) },
  functions: [
    { name: 'optional.of', overloads: [overload('optional_of', [V], OPT_V, ([v]) => OptionalVal.of(v))] },
    { name: 'optional.ofNonZeroValue', overloads: [overload('optional_ofNonZeroValue', [V], OPT_V, ([v]) => (isZeroValue(v) ? OptionalVal.NONE : OptionalVal.of(v)))] },
    { name: 'optional.none', overloads: [overload('optional_none', [], OPT_V, () => OptionalVal.NONE)] },
    {
      name: 'value',
      overloads: [memberOverload('optional_value', [OPT_V], V, ([o]) => ((o as OptionalVal).has ? (o as OptionalVal).value : new CelErr('optional.none() dereference')))],
    },
    { name: 'hasValue', overloads: [memberOverload('optional_hasValue', [OPT_V], T.BOOL, ([o]) => (o as OptionalVal).has)] },
    // `or` and `orValue` short-circuit: the interpreter evaluates them (cel/library.go decorateOptionalOr).
    { name: 'or', overloads: [memberOverload('optional_or_optional', [OPT_V, OPT_V], OPT_V)], singleton: () => noSuchOverload() },
    { name: 'orValue', overloads: [memberOverload('optional_orValue_value', [OPT_V, V], V)], singleton: () => noSuchOverload() },
    { name: '_?._', overloads: [overload('select_optional_field', [T.DYN, T.STRING], OPT_V)] },
    {
      name: '_[?_]',
      overloads: [
        overload('list_optindex_optional_int', [LIST_V, T.INT], OPT_V),
        overload('optional_list_optindex_optional_int', [optionalOf(LIST_V), T.INT], OPT_V),
        overload('map_optindex_optional_value', [MAP_KV, K], OPT_V),
        overload('optional_map_optindex_optional_value', [optionalOf(MAP_KV), K], OPT_V),
      ],
    },
    {
      name: '_[_]',
      overloads: [
        overload('optional_list_index_int', [optionalOf(LIST_V), T.INT], OPT_V),
        overload('optional_map_index_value', [optionalOf(MAP_KV), K], OPT_V),
      ],
    },
    {
      name: 'last',
      overloads: [memberOverload('list_last', [LIST_V], OPT_V, ([l]) => {
        const list = l as ListVal;
        return list.length === 0 ? OptionalVal.NONE : OptionalVal.of(list[list.length - 1]);
      })],
    },
    {
      name: 'first',
      overloads: [memberOverload('list_first', [LIST_V], OPT_V, ([l]) => {
        const list = l as ListVal;
        return list.length === 0 ? OptionalVal.NONE : OptionalVal.of(list[0]);
      })],
    },
    { name: 'optional.unwrap', overloads: [overload('optional_unwrap', [listOf(OPT_V)], LIST_V, unwrap)] },
    { name: 'unwrapOpt', overloads: [memberOverload('optional_unwrapOpt', [listOf(OPT_V)], LIST_V, unwrap)] },
  ],
};
