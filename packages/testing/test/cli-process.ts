/**
 * Test helper: runs the BUILT `tbb-wallet` CLI (dist/cli.js) as a child process.
 * Build it first (`npm run build`, or `cd packages/testing && npx tsup`); the root
 * `npm test` does so in `pretest`.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the built CLI. */
export const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Fails with the command to run when the CLI was not built. */
export function assertBuilt(): void {
  if (!existsSync(cliPath)) {
    throw new Error(`${cliPath} is missing: build the CLI first (cd packages/testing && npx tsup)`);
  }
}

/** What a finished CLI run printed and exited with. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of every run: no colours (unless `extra` forces them), no secret inherited from the caller. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  if ('FORCE_COLOR' in extra) delete env.NO_COLOR;
  else delete env.FORCE_COLOR;
  if (!('TBB_WALLET_SECRET' in extra)) delete env.TBB_WALLET_SECRET;
  return env;
}

/** Runs `tbb-wallet <args>` to completion. */
export function runCli(args: string[], options: { env?: Record<string, string>; input?: string | Buffer } = {}) {
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: environment(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input);
  });
}

/** A `tbb-wallet sandbox` process that is listening. */
export interface SandboxProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** What it printed on standard output so far. */
  stdout(): string;
  /** Sends SIGTERM and resolves to its exit code. */
  stop(): Promise<number | null>;
}

/** Starts `tbb-wallet sandbox <args>` and resolves once it prints its URL. */
export function startSandbox(args: string[]): Promise<SandboxProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'sandbox', '--port', '0', ...args], { env: environment() });
    let out = '';
    let stdout = '';
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        resolve({
          url,
          child,
          output: () => out,
          stdout: () => stdout,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onData(chunk);
    });
    child.stderr.on('data', onData); // with --log json the banner goes to standard error
    void exited.then((code) => reject(new Error(`sandbox exited (${code}) before listening:\n${out}`)));
  });
}
