/**
 * The validators the shipped one is compared with: ajv compiled at run time from the
 * `@hey-api` JSON schemas of core (the usual way of using them), and a hand-written
 * check of the `win` shape (the floor: no generic validator can be faster).
 * zod is not installed in this repository, so a zod schema could not be measured.
 */
import { Ajv } from 'ajv';
import * as schemas from '../../packages/core/src/generated/schemas.gen.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function retarget(node: Json): Json {
  if (Array.isArray(node)) return node.map(retarget);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key === 'example' || key === 'discriminator') continue;
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', 'hey#/definitions/')
        : retarget(value);
  }
  return out;
}

/** ajv, compiled at run time from the hey-api schemas: `oneOf` tried branch by branch, all errors collected. */
export function runtimeAjvWalletRequest(): (value: unknown) => boolean {
  const definitions = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name.replace(/Schema$/, ''), retarget(schema as unknown as Json)]),
  );
  const ajv = new Ajv({ allErrors: true, strict: false, schemas: [{ $id: 'hey', definitions }] });
  const validate = ajv.getSchema('hey#/definitions/WalletRequest');
  if (!validate) throw new Error('WalletRequest is not among the hey-api schemas');
  return (value) => validate(value) as boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAmount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/** A hand-written check of a `win` request's required fields and types (optional objects not checked). */
export function handCheckWin(value: unknown): boolean {
  if (!isObject(value) || value.action !== 'win') return false;
  const id = value.player_id;
  if (!(typeof id === 'string' || Number.isInteger(id))) return false;
  if (typeof value.currency_code !== 'string' || typeof value.is_mobile !== 'boolean' || !isAmount(value.amount))
    return false;
  const payload = value.payload;
  if (!isObject(payload) || typeof payload.reference !== 'string' || typeof payload.session_token !== 'string')
    return false;
  const data = payload.provider_transfer_data;
  return (
    isObject(data) &&
    typeof data.transaction_id === 'string' &&
    typeof data.round_id === 'string' &&
    typeof data.round_close === 'boolean'
  );
}
