// Command-line arguments: `--flag value`, `--flag=value`, `-x value`, boolean switches, and
// positionals, checked against what the command declares (unknown options, missing or empty
// values and extra positionals are errors).

/** A usage or input error: printed as one line, exit code 1. */
export class CliError extends Error {}

/** An option a command accepts. */
export interface OptionSpec {
  /** Long name, without `--`. */
  readonly name: string;
  /** One-letter alias, without `-`. */
  readonly short?: string;
  /** A switch takes no value. */
  readonly switch?: boolean;
  /** The value's placeholder in the usage text (`FILE`, `text|markdown|json`). */
  readonly value?: string;
  /** One line of help. */
  readonly help: string;
}

/** A command of the CLI. */
export interface CommandSpec {
  /** The command word. */
  readonly name: string;
  /** Positionals in the usage line, e.g. `[dir]` or `<base> <head>`. */
  readonly args: string;
  /** Positionals: at least min, at most max. */
  readonly min: number;
  readonly max: number;
  /** One line of what it does. */
  readonly summary: string;
  /** Details shown by `cdk-fleet <command> --help`. */
  readonly details?: string;
  readonly options: readonly OptionSpec[];
  /** Runs the command; returns the exit code. */
  run(args: ParsedArgs, io: CliIo): number;
}

/** Where the CLI writes. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

/** Parsed arguments of one command. */
export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly flags: Readonly<Record<string, string>>;
}

/** Parses `argv` (after the command word) against `spec`; `--help`/`-h` sets the flag `help`. */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const byShort = new Map(spec.options.filter((o) => o.short).map((o) => [o.short!, o]));
  const known = () => spec.options.map((o) => `--${o.name}`).join(', ') || 'none';
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPositional || a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    if (a === '--') { onlyPositional = true; continue; }
    if (a === '--help' || a === '-h') { flags.help = 'true'; continue; }
    let opt: OptionSpec | undefined;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? undefined : a.slice(eq + 1);
      opt = byName.get(name);
      if (!opt) throw new CliError(`unknown option --${name} for ${spec.name}; options: ${known()}`);
    } else {
      opt = byShort.get(a.slice(1, 2));
      if (!opt) throw new CliError(`unknown option ${a} for ${spec.name}; options: ${known()}`);
      if (a.length > 2) inline = a.slice(2);
    }
    if (opt.switch) {
      if (inline !== undefined) throw new CliError(`--${opt.name} takes no value`);
      flags[opt.name] = 'true';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new CliError(`--${opt.name} needs a value${opt.value ? ` (${opt.value})` : ''}`);
    if (value.trim() === '') throw new CliError(`--${opt.name} needs a non-empty value${opt.value ? ` (${opt.value})` : ''}`);
    if (flags[opt.name] !== undefined) throw new CliError(`--${opt.name} is given twice`);
    flags[opt.name] = value;
  }
  if (flags.help) return { positional, flags };
  if (positional.length < spec.min) throw new CliError(`${spec.name} needs ${spec.args}: cdk-fleet ${spec.name} ${spec.args} (see cdk-fleet ${spec.name} --help)`);
  if (positional.length > spec.max) {
    throw new CliError(`${spec.name} takes ${spec.max === 0 ? 'no arguments' : `at most ${spec.max} argument${spec.max > 1 ? 's' : ''} (${spec.args})`}, got ${positional.length}: ${positional.map((p) => JSON.stringify(p)).join(' ')}`);
  }
  return { positional, flags };
}

/** The help text of one command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`usage: cdk-fleet ${spec.name} ${spec.args}${spec.options.length ? ' [options]' : ''}`.replace(/ +$/, ''), '', spec.summary];
  if (spec.details) lines.push('', spec.details);
  if (spec.options.length) {
    lines.push('', 'options:');
    const rows = spec.options.map((o) => [`${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.switch ? '' : ` ${o.value ?? 'VALUE'}`}`, o.help]);
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [l, h] of rows) lines.push(`  ${l.padEnd(w)}  ${h}`);
  }
  return `${lines.join('\n')}\n`;
}
