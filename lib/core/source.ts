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
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return sourceFromStack(stack, root);
}
