/**
 * The `tbb-wallet` command line: sandbox, conformance, demo, sign. Run `tbb-wallet --help`.
 */
import { runCli } from './cli/program.ts';

process.exitCode = await runCli(process.argv);
