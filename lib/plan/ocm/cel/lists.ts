// The Kubernetes CEL list library (`library.Lists()`): isSorted, sum, min, max on lists of
// comparable or summable element types, and indexOf/lastIndexOf with CEL equality. Facts:
// kubernetes/apiserver v0.35.4 pkg/cel/library/lists.go (overload ids, the summable and comparable
// type lists, "min called on empty list", sums starting from the overload's zero value).
import { CelLibrary, OverloadDecl, memberOverload } from './decls';
import { compareValues } from './stdlib';
import { CelType, T, listOf, typeParam } from './types';
import { CelErr, CelVal, Duration, ListVal, Timestamp, Uint, celEquals, checkedInt, checkedUint, isErr, noSuchOverload } from './values';

const SUMMABLE: [string, CelType][] = [['int', T.INT], ['uint', T.UINT], ['double', T.DOUBLE], ['duration', T.DURATION]];
const COMPARABLE: [string, CelType][] = [
  ['int', T.INT], ['uint', T.UINT], ['double', T.DOUBLE], ['bool', T.BOOL], ['duration', T.DURATION], ['timestamp', T.TIMESTAMP], ['string', T.STRING], ['bytes', T.BYTES],
];

function isComparable(v: CelVal): boolean {
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || v instanceof Uint
    || v instanceof Uint8Array || v instanceof Duration || v instanceof Timestamp;
}

function isSorted([l]: readonly CelVal[]): CelVal {
  let prev: CelVal | undefined;
  for (const next of l as ListVal) {
    if (!isComparable(next)) return isErr(next) ? next : noSuchOverload();
    if (prev !== undefined && compareValues(prev, next) === 1) return false;
    prev = next;
  }
  return true;
}

function zeroOf(name: string): CelVal {
  switch (name) {
    case 'int': return 0n;
    case 'uint': return new Uint(0n);
    case 'double': return 0;
    default: return new Duration(0n);
  }
}

function addValues(a: CelVal, b: CelVal): CelVal {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInt(a + b);
  if (a instanceof Uint && b instanceof Uint) return checkedUint(a.v + b.v);
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a instanceof Duration && b instanceof Duration) {
    const s = a.ns + b.ns;
    return s > 2n ** 63n - 1n || s < -(2n ** 63n) ? new CelErr('integer overflow') : new Duration(s);
  }
  return isErr(b) ? b : noSuchOverload();
}

function sum(zero: string): (args: readonly CelVal[]) => CelVal {
  return ([l]) => {
    let acc = zeroOf(zero);
    for (const next of l as ListVal) {
      acc = addValues(acc, next);
      if (isErr(acc)) return acc;
    }
    return acc;
  };
}

function extreme(op: 'min' | 'max'): (args: readonly CelVal[]) => CelVal {
  const prefer = op === 'min' ? 1 : -1;
  return ([l]) => {
    let result: CelVal | undefined;
    for (const next of l as ListVal) {
      if (!isComparable(next)) return isErr(next) ? next : noSuchOverload();
      if (result === undefined) result = next;
      else if (compareValues(result, next) === prefer) result = next;
    }
    return result === undefined ? new CelErr(`${op} called on empty list`) : result;
  };
}

function indexOf(last: boolean): (args: readonly CelVal[]) => CelVal {
  return ([l, item]) => {
    const list = l as ListVal;
    if (last) {
      for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], item) === true) return BigInt(i);
    } else {
      for (let i = 0; i < list.length; i++) if (celEquals(list[i], item) === true) return BigInt(i);
    }
    return -1n;
  };
}

const A = typeParam('A');

/** The lists library. */
export const LISTS: CelLibrary = {
  name: 'kubernetes.lists',
  functions: [
    { name: 'isSorted', overloads: COMPARABLE.map(([n, t]): OverloadDecl => memberOverload(`list_${n}_is_sorted_bool`, [listOf(t)], T.BOOL, isSorted)) },
    { name: 'sum', overloads: SUMMABLE.map(([n, t]): OverloadDecl => memberOverload(`list_${n}_sum_${n}`, [listOf(t)], t, sum(n))) },
    { name: 'max', overloads: COMPARABLE.map(([n, t]): OverloadDecl => memberOverload(`list_${n}_max_${n}`, [listOf(t)], t, extreme('max'))) },
    { name: 'min', overloads: COMPARABLE.map(([n, t]): OverloadDecl => memberOverload(`list_${n}_min_${n}`, [listOf(t)], t, extreme('min'))) },
    { name: 'indexOf', overloads: [memberOverload('list_a_index_of_int', [listOf(A), A], T.INT, indexOf(false))] },
    { name: 'lastIndexOf', overloads: [memberOverload('list_a_last_index_of_int', [listOf(A), A], T.INT, indexOf(true))] },
  ],
};


