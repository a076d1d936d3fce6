/**
 * The bundled spec against the protocol: every example validates, all five actions
 * and every error status are there, and the vendor's own Win fragment fits our schema.
 */
import { readFileSync } from 'node:fs';
import {
  checkBalanceResponse,
  checkErrorBody,
  checkTransactionResponse,
  checkWalletRequest,
  walletActions,
  walletErrorMessages,
} from '@tbb-wallet/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
};
type Media = { schema: Schema; example?: unknown; examples?: Record<string, { value: unknown }> };

const repo = new URL('../../../', import.meta.url);
const spec = parse(readFileSync(new URL('openapi/wallet.bundled.yaml', repo), 'utf8'));
const vendor = JSON.parse(readFileSync(new URL('openapi/vendor/vendor-win.openapi.json', repo), 'utf8'));
const operation = spec.paths['/operator/wallet'].post;
const schemas: Record<string, Schema> = spec.components.schemas;

function resolve(schema: Schema): Schema {
  return schema.$ref ? resolve(schemas[schema.$ref.split('/').at(-1)!]!) : schema;
}

function examplesOf(media: Media): unknown[] {
  return [
    ...(media.example === undefined ? [] : [media.example]),
    ...Object.values(media.examples ?? {}).map((e) => e.value),
  ];
}

describe('the bundled spec', () => {
  it('has one POST operation whose body is a oneOf of the five actions, told apart by action', () => {
    const body = operation.requestBody.content['application/json'] as Media;
    const walletRequest = resolve(body.schema) as Schema & { discriminator: { propertyName: string; mapping: object } };
    expect(walletRequest.oneOf).toHaveLength(5);
    expect(walletRequest.discriminator.propertyName).toBe('action');
    expect(Object.keys(walletRequest.discriminator.mapping).sort()).toEqual([...walletActions].sort());
  });

  it('answers every status of the protocol, each with the {code, message} body', () => {
    const statuses = Object.keys(operation.responses)
      .filter((s) => s !== '200')
      .map(Number);
    expect(statuses.sort()).toEqual(Object.keys(walletErrorMessages).map(Number).sort());
  });

  it('signs with an apiKey scheme on X-REQUEST-SIGN, required by the operation', () => {
    const scheme = spec.components.securitySchemes.RequestSignature;
    expect(scheme).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-REQUEST-SIGN' });
    expect(scheme.description).toMatch(/HMAC-SHA256/);
    expect(scheme.description).toMatch(/lowercase hex/);
    expect(spec.security).toEqual([{ RequestSignature: [] }]);
  });

  it('never forbids unknown properties', () => {
    const text = readFileSync(new URL('openapi/wallet.bundled.yaml', repo), 'utf8');
    expect(text).not.toMatch(/^\s*additionalProperties:\s*false/m);
  });
});

describe('the vendor examples validate against their schemas', () => {
  const requestExamples = examplesOf(operation.requestBody.content['application/json']);
  const okExamples = examplesOf(operation.responses['200'].content['application/json']);

  it('holds the three vendor request examples and two response examples', () => {
    expect(requestExamples).toHaveLength(3);
    expect(okExamples).toHaveLength(2);
  });

  it.each(requestExamples.map((e) => [(e as { action: string }).action, e]))('request: %s', (_action, example) => {
    expect(checkWalletRequest(example)).toEqual({ ok: true, value: example });
  });

  it.each(okExamples.map((e, i) => [i, e]))('200 response #%s', (_i, example) => {
    const checked =
      'player_id' in (example as object) ? checkBalanceResponse(example) : checkTransactionResponse(example);
    expect(checked.ok).toBe(true);
  });

  it.each(Object.entries(operation.responses).filter(([s]) => s !== '200'))('%s error example', (status, ref) => {
    const name = (ref as { $ref: string }).$ref.split('/').at(-1)!;
    const example = (spec.components.responses[name] as { content: Record<string, Media> }).content['application/json']!
      .example;
    expect(checkErrorBody(example).ok).toBe(true);
    expect(example).toEqual({
      code: Number(status),
      message: walletErrorMessages[Number(status) as keyof typeof walletErrorMessages],
    });
  });
});

describe("the vendor's Win fragment", () => {
  const vendorOp = vendor.paths['/operator/wallet'].post;
  const vendorWin: Schema = vendorOp.requestBody.content['application/json'].schema;

  /** Every [path, vendor schema, our schema] pair, walking the vendor's properties. */
  function pairs(theirs: Schema, ours: Schema, path: string): [string, Schema, Schema | undefined, boolean][] {
    const out: [string, Schema, Schema | undefined, boolean][] = [];
    const oursResolved = resolve(ours);
    for (const [name, their] of Object.entries(theirs.properties ?? {})) {
      const mine = oursResolved.properties?.[name];
      const vendorRequired = theirs.required?.includes(name) ?? false;
      const ourRequired = oursResolved.required?.includes(name) ?? false;
      out.push([`${path}${name}`, their, mine && resolve(mine), vendorRequired === ourRequired]);
      if (mine && their.properties) out.push(...pairs(their, mine, `${path}${name}.`));
    }
    return out;
  }

  function typesOf(schema: Schema): string[] {
    const branches = schema.anyOf ?? schema.oneOf;
    return branches ? branches.flatMap((b) => typesOf(resolve(b))) : [schema.type!];
  }

  const fields = pairs(vendorWin, schemas.WinRequest!, '');

  it('walks every field of the fragment', () => {
    expect(fields.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fields)(
    '%s is in our win schema with the same type, nullability and required-ness',
    (path, theirs, ours, sameRequired) => {
      expect(ours, `${path} is missing from WinRequest`).toBeDefined();
      expect(typesOf(ours!)).toContain(theirs.type);
      if (path !== 'player_id') expect(typesOf(ours!)).toEqual([theirs.type]);
      expect(Boolean(ours!.nullable)).toBe(Boolean(theirs.nullable));
      expect(sameRequired).toBe(true);
    },
  );

  it('has the same 200 response fields and types', () => {
    const theirs: Schema = vendorOp.responses['200'].content['application/json'].schema;
    for (const [path, their, ours, sameRequired] of pairs(theirs, schemas.TransactionResponse!, '')) {
      expect(ours, path).toBeDefined();
      expect(typesOf(ours!), path).toEqual([their.type]);
      expect(sameRequired, path).toBe(true);
    }
  });
});
