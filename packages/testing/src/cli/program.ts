/**
 * The `tbb-wallet` program: its commands, and how errors become exit codes.
 */
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
// Inlined by the build, so dist/cli.js (and the packed tarball) carry the version they were built from.
import packageJson from '../../package.json' with { type: 'json' };
import { exitCodes, UsageError } from './common.ts';
import { conformanceCommand } from './conformance-command.ts';
import { demoCommand } from './demo-command.ts';
import { outboxCommand } from './outbox-command.ts';
import { sandboxCommand } from './sandbox-command.ts';
import { signCommand } from './sign-command.ts';

/** The program with every command; errors are thrown, not exited, so {@link runCli} picks the code. */
export function createProgram(): Command {
  const program = new Command('tbb-wallet')
    .description("Test kit of The Bet Brothers' seamless wallet: sandbox operator, conformance suite, demo, signing.")
    .version(packageJson.version)
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(pc.red(text)) });
  for (const command of [sandboxCommand(), conformanceCommand(), demoCommand(), signCommand(), outboxCommand()]) {
    program.addCommand(command.showHelpAfterError('(add --help for usage)'));
  }
  program.commands.forEach((command) => {
    command.exitOverride();
    requireAfterUnknown(command);
  });
  return program.exitOverride();
}

/**
 * Commander checks required options before unknown ones, so a typo (`--urll`) would read
 * "required option '--url <url>' not specified" and never name the typo. Each required
 * option is checked just before the action instead, after commander has refused an unknown
 * option (suggesting the near one), with commander's own message.
 */
function requireAfterUnknown(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  for (const option of required) option.mandatory = false;
  command.hook('preAction', (_, action) => {
    if (action !== command) return;
    for (const option of required) {
      if (command.getOptionValue(option.attributeName()) === undefined) {
        command.error(`error: required option '${option.flags}' not specified`);
      }
    }
  });
  command.commands.forEach(requireAfterUnknown);
}

/** Runs the CLI on `argv` (as `process.argv`) and resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every other parse error (and a bare `tbb-wallet`) is a usage error.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof UsageError) {
      console.error(pc.red(`error: ${error.message}`));
      console.error('(add --help for usage)');
      return exitCodes.usage;
    }
    console.error(pc.red(`error: ${error instanceof Error ? error.message : String(error)}`));
    return exitCodes.failed;
  }
}
