// What reading the input found: problems (the input is refused, every one reported at once) and
// warnings (the input is planned; they reach the plan's warnings).
import { FleetValidationError } from '../../core/errors';
import { Order } from '../../core/order';
import type { PlanWarning } from '../types';

/** At most this many problems are listed in the error (the count says how many more). */
const MAX_LISTED = 500;

/** One problem: where (file as the user typed it, line), what (`Kind ns/name`) and the message. @internal */
export interface InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly subject?: string;
  readonly message: string;
}

/** The one line of a problem: `file:line: Kind ns/name: message`. @internal */
export function problemLine(p: InputProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.subject ? `${p.subject}: ` : ''}${p.message}`;
}

/** The error for input problems: one line each, all of them. @internal */
export class InputProblemsError extends FleetValidationError {
  constructor(public readonly problems: readonly InputProblem[]) {
    const [first] = problems;
    super(problems.length === 1 ? `${first.file}${first.line ? `:${first.line}` : ''}` : `${problems.length} problems in the input, nothing was planned`,
      problems.length === 1 ? `${first.subject ? `${first.subject}: ` : ''}${first.message}` : 'one per line below');
    if (problems.length > 1) {
      const listed = problems.slice(0, MAX_LISTED).map((p) => `  ${problemLine(p)}`);
      if (problems.length > MAX_LISTED) listed.push(`  ... and ${problems.length - MAX_LISTED} more`);
      this.message = `${problems.length} problems in the input, nothing was planned:\n${listed.join('\n')}`;
    }
  }
}

/** Collects problems and warnings while reading. @internal */
export class InputReport {
  public readonly problems: InputProblem[] = [];
  private readonly warningList: PlanWarning[] = [];

  /** Records a problem. */
  public problem(p: InputProblem): void {
    this.problems.push(p);
  }

  /** Records a plan warning. */
  public warn(subject: string, message: string): void {
    this.warningList.push({ subject, message });
  }

  /** The warnings, sorted by subject then message, without repeats. */
  public get warnings(): PlanWarning[] {
    const seen = new Set<string>();
    return [...this.warningList]
      .sort((a, b) => Order.strings(a.subject, b.subject) || Order.strings(a.message, b.message))
      .filter((w) => {
        const k = `${w.subject}\n${w.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
  }

  /** Throws every problem recorded so far as one error, in file and line order. */
  public throwIfProblems(): void {
    if (this.problems.length === 0) return;
    const sorted = this.problems.map((p, i) => ({ p, i }))
      .sort((a, b) => Order.strings(a.p.file, b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
      .map((x) => x.p);
    throw new InputProblemsError(sorted);
  }
}
