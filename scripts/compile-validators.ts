/**
 * Compiles the spec's schemas ahead of time with ajv's standalone code generator.
 *
 * Why ajv standalone rather than a runtime schema library: the output is plain
 * JavaScript with no dependency and no `eval` at run time (Workers forbid it), and
 * it is the fastest validator we measured (see BENCHMARKS.md once issue 7 lands).
 * The OpenAPI 3.0 dialect is mapped to JSON Schema here: `nullable` is ajv's own
 * keyword, `discriminator` is ajv's with the mapping dropped (ajv reads the tag from
 * each branch's `action` enum), and annotation-only keywords are removed.
 */
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

// ajv is CommonJS: under NodeNext its default export arrives as the module object.
const standaloneCode = standalone.default;

/** The exported validator name → the schema it checks. */
export const validatorNames = {
  validateWalletRequest: 'WalletRequest',
  validateBalanceRequest: 'BalanceRequest',
  validateBetRequest: 'BetRequest',
  validateWinRequest: 'WinRequest',
  validateRefundRequest: 'RefundRequest',
  validateRollbackWinRequest: 'RollbackWinRequest',
  validateBalanceResponse: 'BalanceResponse',
  validateTransactionResponse: 'TransactionResponse',
  validateErrorBody: 'ErrorBody',
} as const;

// `maxLength` counts code points (JSON Schema), with ajv's runtime helper; standalone
// output would `require` it, so the same function is written into the module instead.
const ucs2lengthRequire = 'require("ajv/dist/runtime/ucs2length").default';
const ucs2lengthInline = `function ucs2length(str) {
  let length = str.length;
  for (let pos = 0; pos < str.length - 1; pos++) {
    if ((str.charCodeAt(pos) & 0xfc00) === 0xd800 && (str.charCodeAt(pos + 1) & 0xfc00) === 0xdc00) {
      length--;
      pos++;
    }
  }
  return length;
}`;

const annotationOnly = new Set(['description', 'title', 'example', 'examples', 'externalDocs', 'xml', 'deprecated']);
const schemaRefPrefix = '#/components/schemas/';
const schemaId = 'wallet';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (annotationOnly.has(key)) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith(schemaRefPrefix)) {
      out[key] = `${schemaId}#/definitions/${value.slice(schemaRefPrefix.length)}`;
    } else if (key === 'discriminator' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = { propertyName: value.propertyName ?? null };
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  return out;
}

/** Returns the ES module source of every validator in `validatorNames`. */
export function compileValidators(spec: { components: { schemas: Record<string, Json> } }): string {
  const definitions = toJsonSchema(spec.components.schemas);
  const ajv = new Ajv({
    code: { source: true, esm: true },
    discriminator: true,
    strict: true,
    strictTypes: false,
    allErrors: false,
    schemas: [{ $id: schemaId, definitions }],
  });
  const refs = Object.fromEntries(
    Object.entries(validatorNames).map(([name, schema]) => [name, `${schemaId}#/definitions/${schema}`]),
  );
  const code = standaloneCode(ajv, refs).replaceAll(ucs2lengthRequire, ucs2lengthInline);
  if (/\brequire\(/.test(code)) {
    throw new Error('the validators need an ajv runtime helper; keep the spec to keywords that compile standalone');
  }
  return `// @ts-nocheck\n${code}\n`;
}
