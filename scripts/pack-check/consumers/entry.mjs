// ESM consumer: `node entry.mjs <specifier>` imports one installed entry and checks every public value is there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const specifier = process.argv[2];
const exported = await import(specifier);
const { values } = JSON.parse(readFileSync('public-names.json', 'utf8')).find((n) => n.specifier === specifier);
for (const name of values) assert.notEqual(exported[name], undefined, `${specifier} exports ${name}`);
