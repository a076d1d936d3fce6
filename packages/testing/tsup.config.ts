import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.ts';

export default defineConfig([
  {
    ...libraryBuild,
    // Two builds share dist/: neither may clean away the other's output.
    clean: false,
    // msw is the test runner's own copy (a peer of the caller's tests), never bundled.
    external: ['msw'],
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
