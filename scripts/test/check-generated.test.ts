/**
 * The drift check catches a spec edit that was not followed by `npm run generate`:
 * a copy of openapi/ with one field changed makes the committed files stale.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staleGeneratedFiles } from '../check-generated.ts';
import { repoRoot } from '../generate.ts';

const copies: string[] = [];
afterAll(async () => {
  for (const dir of copies) await rm(dir, { recursive: true, force: true });
});

/** A copy of the repo's spec parts, optionally with one file edited. */
async function specCopy(edit?: { file: string; from: string; to: string }): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'tbb-spec-copy-'));
  copies.push(root);
  await cp(join(repoRoot, 'openapi'), join(root, 'openapi'), { recursive: true });
  if (edit) {
    const path = join(root, 'openapi', edit.file);
    const text = await readFile(path, 'utf8');
    expect(text).toContain(edit.from);
    await writeFile(path, text.replace(edit.from, edit.to));
  }
  return root;
}

describe('npm run check:generated', () => {
  it('finds nothing stale for the committed spec', async () => {
    expect(await staleGeneratedFiles(await specCopy())).toEqual([]);
  }, 60_000);

  it('names the stale files when one field changed in the spec and nothing was regenerated', async () => {
    const root = await specCopy({ file: 'schemas/WinTransferData.yaml', from: '  - round_close\n', to: '' });
    expect(await staleGeneratedFiles(root)).toEqual([
      'openapi/wallet.bundled.yaml',
      'packages/core/src/generated/openapi.gen.ts',
      'packages/core/src/generated/types.gen.ts',
      'packages/core/src/generated/validators.gen.ts',
    ]);
  }, 60_000);
});
