import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.ts';

// openapi-fetch is bundled: its CommonJS build has no __esModule marker, so a CJS
// consumer requiring an external copy got its module object instead of createClient.
export default defineConfig({ ...libraryBuild, noExternal: ['openapi-fetch'] });
