import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.ts';

// The outbox keeps its queue on disk or on a PostgreSQL server: a Node package.
export default defineConfig({ ...libraryBuild, platform: 'node' });
