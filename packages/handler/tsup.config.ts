import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.ts';

// The entries (`index`, `fastify`) come from the package's `exports` (tsup.base.ts).
export default defineConfig(libraryBuild);
