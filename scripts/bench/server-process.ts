/** Starts a bench server (serve.ts) in a child process and stops it. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ServerKind } from './serve.ts';

/** A running server: its base URL, and how to stop it (waits for the exit). */
export interface ServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Options of a server child: extra node flags, e.g. `--cpu-prof`. */
export interface ServeOptions {
  readonly nodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

const servePath = fileURLToPath(new URL('./serve.ts', import.meta.url));
// Inside node_modules, so the packages (left external) resolve to their dist as for a user.
const bundlePath = fileURLToPath(new URL('../../node_modules/.cache/tbb-bench/serve.mjs', import.meta.url));
let bundled: Promise<unknown> | undefined;

/**
 * serve.ts and the bench files it imports, bundled to plain JavaScript once per run:
 * the measured process then runs without tsx's module hooks, which would otherwise
 * show up in its profile. `@tbb-wallet/*` and other packages stay external.
 */
function bundleServe(): Promise<unknown> {
  bundled ??= build({
    entryPoints: [servePath],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return bundled;
}

/** Forks serve.ts for a kind and resolves once it listens. */
export async function startServer(kind: ServerKind, options: ServeOptions = {}): Promise<ServerProcess> {
  await bundleServe();
  const child = fork(bundlePath, [kind], {
    execArgv: [...(options.nodeFlags ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server "${kind}" exited with code ${code} before listening`)));
    child.once('message', (message: { port?: number; error?: string }) => {
      if (message.error || !message.port) {
        reject(new Error(`bench server "${kind}" failed: ${message.error ?? 'no port'}`));
        return;
      }
      resolve({
        url: `http://127.0.0.1:${message.port}/wallet`,
        stop: async () => {
          if (child.exitCode === null) child.send('stop');
          await exited;
        },
      });
    });
  });
}
