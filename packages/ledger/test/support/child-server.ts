/**
 * Wallet servers in child processes (server-process.ts), for tests that run several
 * operators at once or kill one.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { secret } from './http.ts';

const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/** A server process and its wallet URL. */
export interface ChildServer {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts one server process on the ledger at `databaseUrl`; it is added to `children`. */
export function startServer(databaseUrl: string, children: ChildProcess[]): Promise<ChildServer> {
  const child = fork(script, [], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, LEDGER_DATABASE_URL: databaseUrl, WALLET_SECRET: secret },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      resolve({ child, url: `http://127.0.0.1:${(message as { port: number }).port}/wallet` }),
    );
    child.once('exit', (code) => reject(new Error(`server process exited early with code ${code}`)));
  });
}

/** Asks every server still running to stop, and waits until each has exited. */
export async function stopServers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send('stop');
        }),
    ),
  );
}
