// Where user code declared an object: the first stack frame outside node_modules and outside this
// library's own lib/, relative to the project root (`examples/fleet.ts:42`). L2 constructs record
// it as the annotation plan.cdk-fleet.io/source, and SARIF points findings there.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The library's own lib/ folder: frames in it are the library, not the user. */
const LIB_DIR = resolve(__dirname, '..');

/**
 * The first frame of `stack` outside node_modules, Node's internals and `libDir`, as
 * `path:line` relative to `root` (always with `/`); undefined when there is none inside `root`.
 * @internal
 */
export function sourceFromStack(stack: string, root: string, libDir: string = LIB_DIR): string | undefined {
  for (const line of stack.split('\n')) {
    const m = /^\s*at (?:.*?\()?((?:file:\/\/)?[^()\s]+?):(\d+):\d+\)?\s*$/.exec(line);
    if (!m) continue;
    let file = m[1];
    if (file.startsWith('file://')) {
      try { file = fileURLToPath(file); } catch { continue; }
    }
    if (!isAbsolute(file) || file.startsWith('node:')) continue;
    if (file.split(/[\\/]/).includes('node_modules')) continue;
    if (file === libDir || file.startsWith(libDir + sep)) continue;
    const rel = relative(root, file);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return `${rel.split(sep).join('/')}:${m[2]}`;
  }
  return undefined;
}

/**
 * Where the code that called into the library declared something: `examples/fleet.ts:42`,
 * relative to `root` (the project root, by default the working directory of synth). For the
 * annotation {@link PlanAnnotations.SOURCE}; undefined when no frame is in the project.
 * @internal
 */
export function callerSource(root: string = process.cwd()): string | undefined {
  return sourceOfCapture(captureCaller(), root);
}

/**
 * Captures the current stack without formatting it (V8 formats `stack` on first access, which is
 * what costs): keep the result, and call {@link sourceOfCapture} only for the few objects that
 * need their source. @internal
 */
export function captureCaller(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 24;
  const e = new Error();
  Error.stackTraceLimit = limit;
  return e;
}

/** The source location of a captured stack (see {@link callerSource}). @internal */
export function sourceOfCapture(capture: Error, root: string = process.cwd()): string | undefined {
  return sourceFromStack(capture.stack ?? '', root);
}
