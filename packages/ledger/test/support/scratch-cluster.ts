/**
 * A PostgreSQL cluster of a test's own (its own data directory in the temp dir and its own
 * port), for faults the shared server must not see: a backend stopped with SIGSTOP, the
 * server restarted with `pg_ctl restart -m immediate`, a hot standby promoted after its primary
 * crashed (a failover). Run as the `postgres` user when the
 * tests run as root (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The server binaries, or `undefined` when none is installed (the tests are then skipped). */
export const serverBin: string | undefined = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'pg_ctl')));
  return found;
})();

export const noScratchCluster = serverBin === undefined;

export interface ScratchCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth. */
  readonly url: string;
  /** `pg_ctl restart -m immediate`: every backend killed, crash recovery, then up again. */
  restart(): void;
  /** `pg_ctl stop -m immediate`: the server gone at once, as a primary that crashed. */
  stop(): void;
  /** A hot standby of this cluster (`pg_basebackup -R`), streaming from it on a port of its own. */
  standby(): Promise<Standby>;
  /** Stops the server at once and removes its data directory. */
  destroy(): void;
}

/** A hot standby: read-only until promoted. */
export interface Standby extends ScratchCluster {
  /** `pg_ctl promote`, waiting until it takes writes: the failover. */
  promote(): void;
}

const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): string {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A data directory of the test's own, owned by the user the server runs as. */
function scratchDirectory(): { dir: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tbb-ledger-cluster-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  return { dir, data: join(dir, 'data') };
}

/** initdb, then start on a free port (a few seconds). */
export async function startScratchCluster(): Promise<ScratchCluster> {
  if (!serverBin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  const { dir, data } = scratchDirectory();
  run(join(serverBin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  return launch(dir, data, await freePort());
}

/** Starts the server of `data` on `port`, and what a test does with it. */
function launch(dir: string, data: string, port: number): Standby {
  const pgCtl = join(serverBin!, 'pg_ctl');
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=30`;
  const start = () => run(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart() {
      stop();
      start();
    },
    stop,
    async standby() {
      const copy = scratchDirectory();
      // -R writes standby.signal and primary_conninfo: the copy starts as a hot standby of this server.
      const source = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
      run(join(serverBin!, 'pg_basebackup'), [
        '-D',
        copy.data,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '--no-sync',
        ...source,
      ]);
      return launch(copy.dir, copy.data, await freePort());
    },
    promote() {
      run(pgCtl, ['-D', data, '-w', 'promote']);
    },
    destroy() {
      try {
        stop();
      } catch {
        // already stopped (a test's failover): the directory goes all the same
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
