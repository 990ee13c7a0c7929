import * as path from 'node:path';
import { join } from 'node:path';

/**
 * The one error type cdk-fleet throws for bad input. Its message names the construct
 * (or object), the bad value, what is allowed and the fix, in the user's terms.
 */
export class FleetValidationError extends Error {
  /**
   * @param subject what is wrong, e.g. `placement "web"`
   * @param problem the problem, including the bad value and what is allowed or the fix
   */
  constructor(public readonly subject: string, public readonly problem: string) {
    super(`${subject}: ${problem}`);
    this.name = 'FleetValidationError';
    this.stack = userStack(this);
  }
}

/** The library's own folders (compiled or source): frames there are not the user's. */
const OWN_DIRS = [join(__dirname, '..', path.sep), join(__dirname, '..', '..', 'build', path.sep)];
const FOREIGN = /[\\/]node_modules[\\/]|\(node:|^\s*at node:/;

/**
 * The error's message and only the frames of the user's code (the construct that was declared
 * wrongly), not the library's internals: a bad input reads as one line plus where it came from.
 */
function userStack(e: Error): string {
  const frames = (e.stack ?? '').split('\n').slice(1).filter((l) => /^\s*at /.test(l) && !OWN_DIRS.some((d) => l.includes(d)) && !FOREIGN.test(l));
  return [`${e.name}: ${e.message}`, ...frames.slice(0, 3)].join('\n');
}

/** Throws a FleetValidationError for `subject` with `problem`. */
export function fail(subject: string, problem: string): never {
  throw new FleetValidationError(subject, problem);
}

/**
 * A short description of a value that has the wrong type, for error messages: `undefined`,
 * `string "prod"`, `a plain object ({"matchLabels":{...}})` or `a ManagedCluster`.
 */
export function describeValue(x: unknown): string {
  if (x === undefined || x === null) return String(x);
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x !== 'object') return `${typeof x} ${JSON.stringify(x) ?? String(x)}`;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return `a ${proto?.constructor?.name || 'non-plain object'}`;
  let json: string;
  try {
    json = JSON.stringify(x);
  } catch {
    json = '{...}';
  }
  return `a plain object (${json.length > 80 ? `${json.slice(0, 77)}...` : json})`;
}
