/**
 * The bench's smoke test: every section runs a few hundred calls so the bench cannot
 * rot. The packages resolve to their built dist (no alias), as in `npm run bench`;
 * `npm test` builds them first.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bench',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
