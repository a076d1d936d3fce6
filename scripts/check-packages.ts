/**
 * `npm run check:packages`: what users install must resolve everywhere. Runs publint
 * (strict) and `attw --pack` (are the types wrong) on every workspace package's
 * built output, and fails if either reports a problem. Run after `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './generate.ts';

const workspaces: string[] = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).workspaces;
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

let failed = 0;
for (const dir of workspaces) {
  for (const [tool, args] of [
    ['publint', ['--strict', dir]],
    ['attw', ['--pack', dir, '--format', 'table-flipped']],
  ] as const) {
    try {
      const out = execFileSync(bin(tool), args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`ok   ${tool} ${dir}`);
      if (/warning|suggestion/i.test(out)) console.log(out);
    } catch (error) {
      failed++;
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      console.error(`FAIL ${tool} ${dir}\n${stdout}${stderr}`);
    }
  }
}
process.exitCode = failed > 0 ? 1 : 0;
