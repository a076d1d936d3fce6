/**
 * The packed-install check, what a user's `npm install` gets: each package's
 * `npm pack` tarball installed into a scratch project, then
 * - an ESM and a CommonJS consumer import every entry and play a signed round over HTTP,
 * - every public name type-checks with moduleResolution node16 and bundler,
 * - the client's and handler's README examples compile there and run against each other,
 * - the `tbb-wallet` CLI runs from the install.
 *
 * Run after `npm run build`: `npx tsx scripts/pack-check/run.ts [--keep]`.
 * Prints one line per check and exits non-zero when any fails.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entries, publicNames } from './public-names.ts';
import { pack, packages, sh, writeProject } from './scratch.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'tbb-wallet-pack-check-'));
const project = join(dir, 'project');
let passed = 0;
let failed = 0;

/** Runs one check and prints its line; resolves to whether it passed. */
async function check(name: string, body: () => Promise<unknown>): Promise<boolean> {
  const started = performance.now();
  try {
    await body();
    passed++;
    console.log(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
    return true;
  } catch (error) {
    failed++;
    const detail = String((error as Error).message ?? error)
      .trim()
      .split('\n')
      .slice(0, 30)
      .join('\n     ');
    console.log(`FAIL ${name}\n     ${detail}`);
    return false;
  }
}

/**
 * The errors of a `tsc -p config` run that are ours: in the consumers or in our own
 * declarations. Errors inside third-party declarations (PGlite's refer to Emscripten
 * globals it does not ship) are a user's `skipLibCheck` matter, not this package's.
 */
async function typeErrors(tsc: string, config: string): Promise<string[]> {
  const output = await sh(tsc, ['-p', config, '--pretty', 'false'], project).catch((error: Error) => error.message);
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  return errors.filter((line) => !line.startsWith('node_modules/') || line.startsWith('node_modules/@tbb-wallet/'));
}

try {
  const tarballs: Record<string, string> = {};
  mkdirSync(join(dir, 'tarballs'));
  for (const name of packages) {
    await check(`npm pack @tbb-wallet/${name}`, async () => {
      tarballs[name] = join(dir, 'tarballs', await pack(root, name, join(dir, 'tarballs')));
    });
  }
  const installed =
    Object.keys(tarballs).length === packages.length &&
    (await check(`npm install of the ${packages.length} tarballs into a scratch project`, async () => {
      writeProject(root, project, tarballs, publicNames(root));
      await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);
    }));
  if (installed) {
    const tsc = join(project, 'node_modules', '.bin', 'tsc');
    for (const [format, ext] of [
      ['ESM', 'mjs'],
      ['CommonJS', 'cjs'],
    ] as const) {
      for (const { specifier } of entries) {
        await check(`${format} ${ext === 'mjs' ? 'import' : 'require'} ${specifier}: every public value`, () =>
          sh('node', [`entry.${ext}`, specifier], project),
        );
      }
      for (const wallet of ['sandbox', 'ledger']) {
        await check(`${format} round (balance, bet, win) over HTTP: client -> handler -> ${wallet}`, () =>
          sh('node', [`round.${ext}`, wallet], project),
        );
      }
    }
    for (const [resolution, config] of [
      ['module/moduleResolution node16 (.ts as CJS, .mts as ESM)', 'tsconfig.node16.json'],
      ['module esnext + moduleResolution bundler', 'tsconfig.bundler.json'],
    ] as const) {
      await check(`types of every public name, ${resolution}, skipLibCheck off`, async () => {
        const errors = await typeErrors(tsc, config);
        if (errors.length > 0) throw new Error(errors.join('\n'));
      });
    }
    const readme = join(project, 'readme');
    const compiled = await check(
      'README examples (client provider, handler operator) compile against the install',
      () => sh(tsc, ['-p', 'tsconfig.json'], readme),
    );
    if (compiled) {
      await check('README examples run: the provider plays a round against the operator', () =>
        sh('node', ['run.mjs'], readme),
      );
    }
    await check('tbb-wallet CLI from the install: sign', async () => {
      const bin = join(project, 'node_modules', '.bin', 'tbb-wallet');
      const out = await sh('sh', ['-c', `printf '{}' | "${bin}" sign --secret s`], project);
      if (!/^[0-9a-f]{64}$/m.test(out)) throw new Error(`no signature in: ${out}`);
    });
  }
} finally {
  if (keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
console.log(`pack-check: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
