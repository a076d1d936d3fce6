import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.ts';

// Two builds of one surface: `index` (runtime-neutral, the typed fetch path) and `node`
// (the `node` export condition, sending through undici); both come from the package's
// `exports` (tsup.base.ts). undici is a dependency and stays external, so only the node
// build ever imports it.
// openapi-fetch is bundled: its CommonJS build has no __esModule marker, so a CJS
// consumer requiring an external copy got its module object instead of createClient.
export default defineConfig({
  ...libraryBuild,
  external: ['undici'],
  noExternal: ['openapi-fetch'],
});
