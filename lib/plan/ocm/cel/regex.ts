// The Kubernetes CEL regex library (`library.Regex()`): `find` and `findAll` with Go's RE2
// semantics. A constant pattern is compiled when the program is built, so an invalid literal
// pattern fails instantiation (a Misconfigured placement), while a computed one fails at
// evaluation with "Illegal regex". Facts: kubernetes/apiserver v0.35.4 pkg/cel/library/regex.go
// (FindRegexOptimization, FindAllRegexOptimization), Go's regexp FindString/FindAllString.
import { CelLibrary, memberOverload } from './decls';
import { regexpFind, regexpFindAll } from './re2';
import { T, listOf } from './types';
import { CelErr, CelVal } from './values';

function illegal(err: unknown): CelErr {
  return new CelErr(`Illegal regex: ${(err as Error).message}`);
}

function find([s, re]: readonly CelVal[]): CelVal {
  try {
    return regexpFind(re as string, s as string);
  } catch (e) {
    return illegal(e);
  }
}

function findAll([s, re, n]: readonly CelVal[]): CelVal {
  try {
    return regexpFindAll(re as string, s as string, n === undefined ? -1 : Number(n as bigint));
  } catch (e) {
    return illegal(e);
  }
}

/** The regex library. */
export const REGEX: CelLibrary = {
  name: 'kubernetes.regex',
  functions: [
    { name: 'find', overloads: [memberOverload('string_find_string', [T.STRING, T.STRING], T.STRING, find)] },
    {
      name: 'findAll',
      overloads: [
        memberOverload('string_find_all_string', [T.STRING, T.STRING], listOf(T.STRING), findAll),
        memberOverload('string_find_all_string_int', [T.STRING, T.STRING, T.INT], listOf(T.STRING), findAll),
      ],
    },
  ],
  regexConstants: { find: 1, findAll: 1 },
};
