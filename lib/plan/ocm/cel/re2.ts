// RE2 regular expressions with Go's regexp semantics and error messages (part of the OCM placement
// simulator). CEL's `matches` and the Kubernetes `find`/`findAll` use Go's regexp package (RE2
// syntax: no lookaround or backreferences, `(?P<name>)`, `\pL`, `[[:alpha:]]`, leftmost-first
// matching). re2js is a pure-JS port of RE2 whose `RE2` class mirrors Go's API (FindString,
// FindAllString with Go's rule that empty matches abutting a previous match are skipped).
import { RE2JS } from 're2js';

interface GoRegexp {
  find(s: string): string | null;
  findAll(s: string, n: number): string[] | null;
  match(s: string): boolean;
}

const cache = new Map<string, GoRegexp | Error>();

/** Compiles `pattern` (memoized); throws an Error with Go's message ("error parsing regexp: ...") when invalid. */
export function compileRegexp(pattern: string): GoRegexp {
  let r = cache.get(pattern);
  if (r === undefined) {
    try {
      r = RE2JS.compile(pattern).re2Input as unknown as GoRegexp;
    } catch (e) {
      r = new Error((e as Error).message);
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, r);
  }
  if (r instanceof Error) throw r;
  return r;
}

/** Go `regexp.MatchString`. */
export function regexpMatches(pattern: string, s: string): boolean {
  return compileRegexp(pattern).match(s);
}

/** Go `(*Regexp).FindString`: the leftmost match, or "" when none. */
export function regexpFind(pattern: string, s: string): string {
  return compileRegexp(pattern).find(s) ?? '';
}

/** Go `(*Regexp).FindAllString(s, n)`; n < 0 means all. */
export function regexpFindAll(pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  return compileRegexp(pattern).findAll(s, n) ?? [];
}
