// Compiling a CEL expression: parse, type-check, plan (part of the OCM placement simulator).
//
// Mirrors ocm pkg/placement/helpers/cel.go Compile(): `env.Compile(expr)` failures become
// "compilation failed: <issues>" and `env.Program(ast, ...)` failures "instantiation failed: <err>"
// (here: a constant regex of `find`/`findAll` that does not compile, k8s library/regex.go
// FindRegexOptimization). Issues use cel-go's report format (common/errors.go).
import { CheckIssue, CheckResult, checkCel } from './checker';
import { CelDecls } from './decls';
import { Program, compileProgram } from './interpreter';
import { compileRegexp } from './re2';
import { checkFormatCall } from './strings';
import { CelSyntaxError, Expr, formatIssue, parseCel, walkExpr } from './syntax';
import { CelType, T } from './types';

export type CompiledExpression =
  | { readonly ok: true; readonly program: Program; readonly outputType: CelType; readonly unsupported: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** Parses, checks and plans `source` in `decls`. */
export function compileExpression(decls: CelDecls, source: string): CompiledExpression {
  let parsed;
  try {
    parsed = parseCel(source);
  } catch (e) {
    if (e instanceof CelSyntaxError) return { ok: false, error: `compilation failed: ${formatIssue(source, e.offset, e.message)}` };
    throw e;
  }
  const check = checkCel(decls, parsed.expr);
  if (check.issues.length > 0) {
    const issues = [...check.issues].sort((a, b) => (parsed.offsets.get(a.id) ?? 0) - (parsed.offsets.get(b.id) ?? 0));
    return { ok: false, error: `compilation failed: ${issues.map((i) => formatIssue(source, parsed.offsets.get(i.id) ?? 0, i.message)).join('\n')}` };
  }
  const formatIssues = formatCallIssues(parsed.expr, check);
  if (formatIssues.length > 0) {
    return { ok: false, error: `compilation failed: ${formatIssues.map((i) => formatIssue(source, parsed.offsets.get(i.id) ?? 0, i.message)).join('\n')}` };
  }
  const regexProblem = constantRegexProblem(decls, parsed.expr, check.calls);
  if (regexProblem) return { ok: false, error: `instantiation failed: ${regexProblem}` };
  const unsupported = new Set<string>();
  for (const r of check.calls.values()) for (const o of r.candidates) if (o.unsupported !== undefined) unsupported.add(r.fn.name);
  return { ok: true, program: compileProgram(decls, parsed.expr, check), outputType: check.types.get(parsed.expr.id)!, unsupported: [...unsupported].sort() };
}

/** Why a constant regex argument of `find`/`findAll` (and the like) does not compile, or undefined. */
function constantRegexProblem(decls: CelDecls, e: Expr, calls: ReturnType<typeof checkCel>['calls']): string | undefined {
  let problem: string | undefined;
  walkExpr(e, (x) => {
    if (x.k !== 'call') return undefined;
    const r = calls.get(x.id);
    const idx = r ? decls.regexConstants.get(r.fn.name) : undefined;
    if (idx === undefined) return undefined;
    const args = x.target && !r?.qualified ? [x.target, ...x.args] : x.args;
    const p = args[idx];
    if (p && p.k === 'lit' && typeof p.v === 'string') {
      try {
        compileRegexp(p.v);
      } catch (err) {
        problem = (err as Error).message;
        return false;
      }
    }
    return undefined;
  });
  return problem;
}

/** ext.Strings' stringFormatValidatorV2: `'<literal>'.format([<list literal>])` is checked when compiled. */
function formatCallIssues(root: Expr, check: CheckResult): CheckIssue[] {
  const issues: CheckIssue[] = [];
  walkExpr(root, (x) => {
    if (x.k !== 'call') return;
    const r = check.calls.get(x.id);
    if (x.fn === 'format' && x.target?.k === 'lit' && typeof x.target.v === 'string' && x.args.length === 1 && x.args[0].k === 'list'
      && r?.candidates.some((o) => o.id === 'string_format')) {
      const p = checkFormatCall(x.target.v, x.args[0].elems, (e) => check.types.get(e.id) ?? T.DYN);
      if (p) issues.push({ id: p.id ?? x.id, message: p.message });
    }
  });
  return issues;
}
