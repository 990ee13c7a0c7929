// The `cdk-fleet` command. Exit codes: 0 success; 1 usage or input error (one line on stderr);
// 2 `diff --detailed-exitcode` found changes; 3 `plan` found open findings at the --fail-on level.
import { FleetValidationError } from '../core/errors';
import { packageVersion } from '../core/package';
import { CliError, CliIo, CommandSpec, commandHelp, parseArgs } from './args';
import { DIFF_COMMAND } from './diff';
import { EXPLAIN_COMMAND } from './explain';
import { INIT_COMMAND } from './init';
import { PLAN_COMMAND } from './plan';

export { CliError } from './args';

const COMMANDS: readonly CommandSpec[] = [PLAN_COMMAND, EXPLAIN_COMMAND, DIFF_COMMAND, INIT_COMMAND];

function usage(): string {
  const w = Math.max(...COMMANDS.map((c) => `${c.name} ${c.args}`.length));
  return [
    'usage: cdk-fleet <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${`${c.name} ${c.args}`.padEnd(w)}  ${c.summary}`),
    '',
    'cdk-fleet <command> --help shows its options. cdk-fleet --version prints the version.',
    '',
    'exit codes: 0 success; 1 usage or input error; 2 diff --detailed-exitcode found changes;',
    '            3 plan found open findings at the --fail-on level (default: error).',
    '',
  ].join('\n');
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const io: CliIo = { out, err };
  try {
    const [command, ...rest] = argv;
    if (command === undefined) { err(usage()); return 1; }
    if (command === '--help' || command === '-h' || command === 'help') {
      const about = rest[0] && COMMANDS.find((c) => c.name === rest[0]);
      out(about ? commandHelp(about) : usage());
      return 0;
    }
    if (command === '--version' || command === '-v') { out(`${packageVersion()}\n`); return 0; }
    const spec = COMMANDS.find((c) => c.name === command);
    if (!spec) throw new CliError(`unknown command "${command}"; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see cdk-fleet --help)`);
    const args = parseArgs(spec, rest);
    if (args.flags.help) { out(commandHelp(spec)); return 0; }
    return spec.run(args, io);
  } catch (e) {
    const message = e instanceof CliError || e instanceof FleetValidationError ? e.message : (e as Error)?.message?.split('\n')[0] ?? String(e);
    err(`cdk-fleet: ${message}\n`);
    return 1;
  }
}
