/**
 * The scratch project of the packed-install check: each package's `npm pack` tarball,
 * installed by npm into a fresh project beside exact TypeScript and Node types, with
 * the consumers and README examples copied in.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { workspaceDirs } from '../workspace-entries.mjs';
import type { PublicNames } from './public-names.ts';
import { typesConsumer } from './public-names.ts';

/** The workspace packages by directory name (`core`, `client`, …), as the root package.json lists them. */
export const packages: readonly string[] = workspaceDirs(fileURLToPath(new URL('../../', import.meta.url))).map((dir) =>
  dir.replace(/^packages\//, ''),
);
const run = promisify(execFile);

/** Runs a command; resolves to its stdout, or rejects with all its output when it fails. */
export async function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run(command, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${stdout}${stderr}`.trim() || message);
  }
}

/** Packs one workspace package into `into`; resolves to the tarball's file name. */
export async function pack(root: string, name: string, into: string): Promise<string> {
  const dir = join(root, 'packages', name);
  if (!existsSync(join(dir, 'dist', 'index.js')))
    throw new Error(`packages/${name}/dist is missing: npm run build first`);
  const output = await sh('npm', ['pack', '--json', '--pack-destination', into], dir);
  const [packed] = JSON.parse(output) as { filename: string }[];
  return packed!.filename;
}

/**
 * The optional peers of every workspace package (fastify, for the handler's fastify
 * entry), at the exact version the root package.json pins for its own tests: what a user
 * of that entry has installed beside ours.
 */
function optionalPeers(root: string): Record<string, string> {
  const manifest = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const pinned: Record<string, string> = manifest('.').devDependencies;
  const peers: Record<string, string> = {};
  for (const dir of workspaceDirs(root)) {
    const meta: Record<string, { optional?: boolean }> = manifest(dir).peerDependenciesMeta ?? {};
    for (const [name, { optional }] of Object.entries(meta)) {
      if (!optional) continue;
      const version = pinned[name];
      if (!version) throw new Error(`${dir} has the optional peer ${name}: pin it in the root devDependencies`);
      peers[name] = version;
    }
  }
  return peers;
}

/** Writes the scratch project: package.json on the tarballs, consumers, tsconfigs, README examples. */
export function writeProject(
  root: string,
  project: string,
  tarballs: Record<string, string>,
  names: readonly PublicNames[],
): void {
  const here = join(root, 'scripts', 'pack-check', 'consumers');
  mkdirSync(join(project, 'readme'), { recursive: true });
  const json = (path: string, value: unknown) =>
    writeFileSync(join(project, path), `${JSON.stringify(value, null, 2)}\n`);
  json('package.json', {
    name: 'tbb-wallet-pack-check',
    private: true,
    dependencies: {
      ...Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [`@tbb-wallet/${name}`, `file:${file}`])),
      typescript: '5.9.3',
      '@types/node': '20.19.43',
      ...optionalPeers(root), // what a user of @tbb-wallet/handler/fastify has
    },
  });
  json('public-names.json', names);
  for (const file of ['entry.mjs', 'entry.cjs', 'round.mjs', 'round.cjs'])
    copyFileSync(join(here, file), join(project, file));
  const consumer = typesConsumer(names);
  writeFileSync(join(project, 'consumer.ts'), consumer); // CommonJS under node16 (no "type" in package.json)
  writeFileSync(join(project, 'consumer.mts'), consumer); // ESM
  const strict = { strict: true, noEmit: true, skipLibCheck: false, types: ['node'], target: 'ES2022' };
  const files = ['consumer.ts', 'consumer.mts'];
  json('tsconfig.node16.json', { compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16' }, files });
  json('tsconfig.bundler.json', {
    compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler' },
    files,
  });

  json('readme/package.json', { private: true, type: 'module' });
  copyFileSync(join(root, 'packages/client/examples/provider.ts'), join(project, 'readme/provider.ts'));
  copyFileSync(join(root, 'packages/handler/examples/operator.ts'), join(project, 'readme/operator.ts'));
  copyFileSync(join(here, 'run-readme-examples.mjs'), join(project, 'readme/run.mjs'));
  json('readme/tsconfig.json', {
    compilerOptions: {
      strict: true,
      module: 'node16',
      moduleResolution: 'node16',
      target: 'ES2022',
      types: ['node'],
      outDir: 'out',
    },
    files: ['provider.ts', 'operator.ts'],
  });
}
