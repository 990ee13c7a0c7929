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
  }
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
