// Parsing and type checking as cel-go does in OCM's environment: google/cel-go
// parser/parser_test.go (literal ranges, escapes, reserved identifiers), checker/checker_test.go
// (undeclared references, overload resolution with the cross-type comparisons filtered, field
// selection on non-maps, optional literals, comprehension ranges), with cel-go's report format
// (ERROR: <input>:line:column: message, the source line and a caret). Our parser stops at the
// first syntax error; cel-go's error recovery may list more.
import { compileExpression } from '../../../lib/plan/ocm/cel/compile';
import { memberOverload } from '../../../lib/plan/ocm/cel/decls';
import { placementDecls } from '../../../lib/plan/ocm/cel/env';
import { T } from '../../../lib/plan/ocm/cel/types';
import { run, value } from './harness';

function firstIssue(expr: string): string {
  const e = run(expr).compileError;
  if (e === undefined) throw new Error(`${expr} compiled`);
  return e.replace(/^compilation failed: /, '').split('\n').slice(0, 3).join('\n');
}

describe('google/cel-go parser/parser_test.go parse errors', () => {
  test.each([
    ['0xFFFFFFFFFFFFFFFFF', 'ERROR: <input>:1:1: invalid int literal\n | 0xFFFFFFFFFFFFFFFFF\n | ^'],
    ['0xFFFFFFFFFFFFFFFFFu', 'ERROR: <input>:1:1: invalid uint literal\n | 0xFFFFFFFFFFFFFFFFFu\n | ^'],
    ['"\\xFh"', 'ERROR: <input>:1:1: Syntax error: token recognition error at: \'"\\xFh\'\n | "\\xFh"\n | ^'],
    ['as', 'ERROR: <input>:1:1: reserved identifier: as\n | as\n | ^'],
    ['while', 'ERROR: <input>:1:1: reserved identifier: while\n | while\n | ^'],
    ['[1, 2, 3].map(var, var * var)', 'ERROR: <input>:1:15: reserved identifier: var\n | [1, 2, 3].map(var, var * var)\n | ..............^'],
  ])('fails %s', (expr, want) => {
    expect(firstIssue(expr)).toBe(want);
  });

  test.each(['"\\a\\b\\f\\n\\r\\t\\v\\\'\\"\\\\\\? Illegal escape \\>"', "a.?b.c(", '{?a: 1'])('fails %s: a syntax error', (expr) => {
    expect(firstIssue(expr)).toMatch(/Syntax error/);
  });

  test('the largest and smallest int literals parse', () => {
    expect(value('-9223372036854775808 < 9223372036854775807')).toBe(true);
    expect(value('18446744073709551615u > 0u')).toBe(true);
  });
});

describe('google/cel-go checker/checker_test.go type errors', () => {
  test.each([
    ['undef', "ERROR: <input>:1:1: undeclared reference to 'undef' (in container '')\n | undef\n | ^"],
    ['undef()', "ERROR: <input>:1:6: undeclared reference to 'undef' (in container '')\n | undef()\n | .....^"],
    ['fun()', "ERROR: <input>:1:4: undeclared reference to 'fun' (in container '')\n | fun()\n | ...^"],
    ["'string'.fun()", "ERROR: <input>:1:13: undeclared reference to 'fun' (in container '')\n | 'string'.fun()\n | ............^"],
    ['Msg{}', "ERROR: <input>:1:4: undeclared reference to 'Msg' (in container '')\n | Msg{}\n | ...^"],
    ['int{}', "ERROR: <input>:1:4: 'int' is not a message type\n | int{}\n | ...^"],
    ['[].length', "ERROR: <input>:1:3: type 'list(_var0)' does not support field selection\n | [].length\n | ..^"],
    ['1 <= 1.0 && 1u <= 1.0', "ERROR: <input>:1:3: found no matching overload for '_<=_' applied to '(int, double)'\n | 1 <= 1.0 && 1u <= 1.0\n | ..^"],
    ['[].map(x, [].map(y, x in y && y in x))', "ERROR: <input>:1:33: found no matching overload for '@in' applied to '(list(dyn), dyn)'\n | [].map(x, [].map(y, x in y && y in x))\n | ................................^"],
    ["{?'key': 'hi'}", "ERROR: <input>:1:10: expected type 'optional_type(string)' but found 'string'\n | {?'key': 'hi'}\n | .........^"],
    ["[?'value']", "ERROR: <input>:1:3: expected type 'optional_type(string)' but found 'string'\n | [?'value']\n | ..^"],
    ['true.all(y, y == true)', "ERROR: <input>:1:1: expression of type 'bool' cannot be range of a comprehension (must be list, map, or dynamic)\n | true.all(y, y == true)\n | ^"],
  ])('fails %s', (expr, want) => {
    expect(firstIssue(expr)).toBe(want);
  });

  test('all six cross-type numeric comparisons are filtered (CrossTypeNumericComparisons(false))', () => {
    const e = run('1 <= 1.0 && 1u <= 1.0 && 1.0 <= 1 && 1.0 <= 1u && 1 <= 1u && 1u <= 1').compileError!;
    expect(e.match(/found no matching overload for '_<=_'/g)).toHaveLength(6);
  });

  test('comparisons across numeric types still work at runtime through dyn', () => {
    expect(value('dyn(1) <= 1.0 && dyn(1u) <= 1.0 && dyn(1.0) <= 1 && dyn(1) <= 1u')).toBe(true);
    expect(value('dyn(1) == 1.0 && dyn(2u) == 2 && [1, 2.0] == [1.0, 2]')).toBe(true);
  });

  test('fails equality across static types: _==_ is (A, A)', () => {
    expect(firstIssue('1 == 1.0')).toMatch(/found no matching overload for '_==_' applied to '\(int, double\)'/);
  });

  test('fails the existsOne macro: not in cel-go\'s standard macros (exists_one is)', () => {
    expect(value('[1, 2].exists_one(i, i == 1)')).toBe(true);
    expect(firstIssue('[1, 2].existsOne(i, i == 1)')).toMatch(/undeclared reference to 'existsOne'/);
  });

  test('fails cel.bind: the bindings extension is not part of OCM\'s environment', () => {
    expect(firstIssue('cel.bind(a, 1, a + 1) == 2')).toMatch(/undeclared reference to 'cel'/);
  });

  test('fails two-variable comprehensions: ext.TwoVarComprehensions is not enabled', () => {
    expect(firstIssue('{"a": 1}.all(k, v, v > 0)')).toMatch(/undeclared reference to 'all'|found no matching overload/);
  });
});

describe('functions this simulator cannot evaluate (decls.ts OverloadDecl.unsupported)', () => {
  test('compile reports them, evaluation fails with the reason (never a silent false)', () => {
    const decls = placementDecls(() => undefined).add({
      name: 'test.unsupported',
      functions: [{ name: 'frobnicate', overloads: [memberOverload('string_frobnicate', [T.STRING], T.BOOL, undefined, { unsupported: 'needs data this simulator does not have' })] }],
    });
    const c = compileExpression(decls, '"x".frobnicate() || true');
    expect(c.ok && c.unsupported).toEqual(['frobnicate']);
    const v = c.ok ? c.program.eval({}, 1e6).value : undefined;
    expect(v).toBe(true);
    const d = compileExpression(decls, '"x".frobnicate()');
    expect(d.ok && (d.program.eval({}, 1e6).value as { message: string }).message).toBe('cdk-fleet cannot evaluate frobnicate(): needs data this simulator does not have');
  });
});
