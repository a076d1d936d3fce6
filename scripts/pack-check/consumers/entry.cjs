// CommonJS consumer: `node entry.cjs <specifier>` requires one installed entry and checks every public value is there.
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');

const specifier = process.argv[2];
const exported = require(specifier);
const { values } = JSON.parse(readFileSync('public-names.json', 'utf8')).find((n) => n.specifier === specifier);
for (const name of values) assert.notEqual(exported[name], undefined, `${specifier} exports ${name}`);
