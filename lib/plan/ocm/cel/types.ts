// Types of the CEL type checker and their unification (part of the OCM placement simulator).
//
// Facts from cel-go v0.29.2 (vendored by ocm): common/types/types.go (kinds, names,
// IsAssignableType), checker/types.go (isAssignable with type-parameter substitution,
// mostGeneral, occurs check, substitute) and checker/format.go (FormatCELType).

export type Kind =
  | 'dyn' | 'error' | 'null' | 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes'
  | 'list' | 'map' | 'type' | 'typeParam' | 'opaque' | 'struct' | 'timestamp' | 'duration';

/** A checker type. */
export interface CelType {
  readonly kind: Kind;
  /** Runtime type name (`list`, `map`, `optional_type`, `kubernetes.Quantity`, a type parameter's name, ...). */
  readonly name: string;
  readonly params: readonly CelType[];
}

function scalar(kind: Kind, name: string): CelType {
  return { kind, name, params: [] };
}

export const T = {
  DYN: scalar('dyn', 'dyn'),
  ERROR: scalar('error', 'error'),
  NULL: scalar('null', 'null_type'),
  BOOL: scalar('bool', 'bool'),
  INT: scalar('int', 'int'),
  UINT: scalar('uint', 'uint'),
  DOUBLE: scalar('double', 'double'),
  STRING: scalar('string', 'string'),
  BYTES: scalar('bytes', 'bytes'),
  TIMESTAMP: scalar('timestamp', 'google.protobuf.Timestamp'),
  DURATION: scalar('duration', 'google.protobuf.Duration'),
  /** `type` without a parameter. */
  TYPE: scalar('type', 'type'),
};

export function listOf(elem: CelType): CelType {
  return { kind: 'list', name: 'list', params: [elem] };
}

export function mapOf(key: CelType, value: CelType): CelType {
  return { kind: 'map', name: 'map', params: [key, value] };
}

export function typeParam(name: string): CelType {
  return { kind: 'typeParam', name, params: [] };
}

export function optionalOf(t: CelType): CelType {
  return { kind: 'opaque', name: 'optional_type', params: [t] };
}

export function opaque(name: string, ...params: CelType[]): CelType {
  return { kind: 'opaque', name, params };
}

/** `cel.ObjectType(name)` without a proto descriptor (kubernetes.Quantity, kubernetes.URL, ...). */
export function objectType(name: string): CelType {
  return { kind: 'struct', name, params: [] };
}

/** `type(T)`. */
export function typeOf(t: CelType): CelType {
  return { kind: 'type', name: 'type', params: [t] };
}

export function isOptional(t: CelType): boolean {
  return t.kind === 'opaque' && t.name === 'optional_type';
}

export function isDyn(t: CelType): boolean {
  return t.kind === 'dyn';
}

export function isDynOrError(t: CelType): boolean {
  return t.kind === 'dyn' || t.kind === 'error';
}

/** Structural identity (cel-go IsExactType). */
export function exactType(a: CelType, b: CelType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.name !== b.name || a.params.length !== b.params.length) return false;
  for (let i = 0; i < a.params.length; i++) if (!exactType(a.params[i], b.params[i])) return false;
  return true;
}

/** FormatCELType. */
export function formatType(t: CelType): string {
  switch (t.kind) {
    case 'duration':
      return 'duration';
    case 'timestamp':
      return 'timestamp';
    case 'error':
      return '!error!';
    case 'null':
      return 'null';
    case 'typeParam':
      return t.name;
    default:
      break;
  }
  if (t.params.length === 0) return t.name;
  return `${t.name}(${t.params.map(formatType).join(', ')})`;
}

/** Type-parameter substitutions found while checking one expression. */
export class Mapping {
  constructor(private readonly m: Map<string, CelType> = new Map()) {}
  public find(t: CelType): CelType | undefined {
    return this.m.get(t.name);
  }
  public add(from: CelType, to: CelType): void {
    this.m.set(from.name, to);
  }
  public copy(): Mapping {
    return new Mapping(new Map(this.m));
  }
}

/** `t2.IsAssignableType(t1)` for concrete, non-parameterised kinds. */
function defaultAssignable(to: CelType, from: CelType): boolean {
  if (to === from || to.kind === 'dyn' || to.kind === 'typeParam') return true;
  if (to.kind !== from.kind || to.name !== from.name || to.params.length !== from.params.length) return false;
  for (let i = 0; i < to.params.length; i++) if (!defaultAssignable(to.params[i], from.params[i])) return false;
  return true;
}

function isEqualOrLessSpecific(t1: CelType, t2: CelType): boolean {
  if (t1.kind === 'dyn' || t1.kind === 'typeParam') return true;
  if (t2.kind === 'dyn' || t2.kind === 'typeParam') return false;
  if (t1.kind !== t2.kind) return false;
  switch (t1.kind) {
    case 'opaque':
      if (t1.name !== t2.name || t1.params.length !== t2.params.length) return false;
      return t1.params.every((p, i) => isEqualOrLessSpecific(p, t2.params[i]));
    case 'list':
      return isEqualOrLessSpecific(t1.params[0], t2.params[0]);
    case 'map':
      return isEqualOrLessSpecific(t1.params[0], t2.params[0]) && isEqualOrLessSpecific(t1.params[1], t2.params[1]);
    case 'type':
      return true;
    default:
      return exactType(t1, t2);
  }
}

export function mostGeneral(t1: CelType, t2: CelType): CelType {
  return isEqualOrLessSpecific(t1, t2) ? t1 : t2;
}

function notReferencedIn(m: Mapping, t: CelType, within: CelType): boolean {
  if (exactType(t, within)) return false;
  switch (within.kind) {
    case 'typeParam': {
      const sub = m.find(within);
      return sub === undefined ? true : notReferencedIn(m, t, sub);
    }
    case 'opaque':
    case 'list':
    case 'map':
    case 'type':
      return within.params.every((p) => notReferencedIn(m, t, p));
    default:
      return true;
  }
}

function isValidTypeSubstitution(m: Mapping, t1: CelType, t2: CelType): [boolean, boolean] {
  if (t1.kind === t2.kind && exactType(t1, t2)) return [true, true];
  const t2Sub = m.find(t2);
  if (t2Sub !== undefined) {
    if (t1.kind === t2Sub.kind && exactType(t1, t2Sub)) return [true, true];
    if (internalIsAssignable(m, t1, t2Sub)) {
      const t2New = mostGeneral(t1, t2Sub);
      if (notReferencedIn(m, t2, t2New)) m.add(t2, t2New);
      return [true, true];
    }
    return [false, true];
  }
  if (notReferencedIn(m, t2, t1)) {
    m.add(t2, t1);
    return [true, false];
  }
  return [false, false];
}

function isNullable(t: CelType): boolean {
  switch (t.kind) {
    case 'opaque':
    case 'struct':
    case 'duration':
    case 'timestamp':
    case 'null':
    case 'dyn':
      return true;
    default:
      return false;
  }
}

/** Whether `t1` is assignable to `t2`, extending the substitutions in `m`. */
export function internalIsAssignable(m: Mapping, t1: CelType, t2: CelType): boolean {
  if (t2.kind === 'typeParam') {
    const [valid, hasSub] = isValidTypeSubstitution(m, t1, t2);
    if (valid) return true;
    if (hasSub) return false;
  }
  if (t1.kind === 'typeParam') return isValidTypeSubstitution(m, t2, t1)[0];
  if (isDynOrError(t1) || isDynOrError(t2)) return true;
  if (t1.kind === 'null') return isNullable(t2);
  if (t2.kind === 'null') return isNullable(t1);
  switch (t1.kind) {
    case 'bool': case 'bytes': case 'double': case 'int': case 'string': case 'uint':
    case 'duration': case 'timestamp': case 'struct':
      return defaultAssignable(t2, t1);
    case 'type':
      return t2.kind === 'type';
    case 'opaque':
    case 'list':
    case 'map':
      return t1.kind === t2.kind && t1.name === t2.name && internalIsAssignableList(m, t1.params, t2.params);
    default:
      return false;
  }
}

export function internalIsAssignableList(m: Mapping, l1: readonly CelType[], l2: readonly CelType[]): boolean {
  if (l1.length !== l2.length) return false;
  for (let i = 0; i < l1.length; i++) if (!internalIsAssignable(m, l1[i], l2[i])) return false;
  return true;
}

/** Replaces bound type parameters; unbound ones become dyn when `paramToDyn`. */
export function substitute(m: Mapping, t: CelType, paramToDyn: boolean): CelType {
  const sub = m.find(t);
  if (sub !== undefined && t.kind === 'typeParam') return substitute(m, sub, paramToDyn);
  if (paramToDyn && t.kind === 'typeParam') return T.DYN;
  switch (t.kind) {
    case 'opaque':
    case 'list':
    case 'map':
    case 'type':
      return t.params.length === 0 ? t : { kind: t.kind, name: t.name, params: t.params.map((p) => substitute(m, p, paramToDyn)) };
    default:
      return t;
  }
}
