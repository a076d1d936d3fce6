import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', fastify: 'src/adapters/fastify.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
});
