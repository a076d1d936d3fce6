/**
 * `npm run check:generated`: regenerates everything into a temporary folder and fails,
 * naming each stale file, when a committed generated file differs from what the spec
 * produces now. CI runs it first.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, generatedFiles, repoRoot } from './generate.ts';

/** The committed generated files that differ from what the spec under `specRoot` produces. */
export async function staleGeneratedFiles(specRoot: string = repoRoot): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'tbb-check-generated-'));
  try {
    await generate(scratch, specRoot);
    const stale: string[] = [];
    for (const file of generatedFiles) {
      const committed = join(repoRoot, file);
      const fresh = await readFile(join(scratch, file), 'utf8');
      if (!existsSync(committed)) stale.push(`${file} (missing)`);
      else if ((await readFile(committed, 'utf8')) !== fresh) stale.push(file);
    }
    return stale;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stale = await staleGeneratedFiles();
  if (stale.length > 0) {
    console.error(
      `Generated files are stale:\n  ${stale.join('\n  ')}\nRun \`npm run generate\` and commit the result.`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Generated files are current (${generatedFiles.length} checked).`);
  }
}
