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
