/** The operator side: the handler against the same minimum done by hand, over HTTP and in process; telemetry's cost. */
import * as api from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createWalletClient } from '@tbb-wallet/client';
import { clientOpenTelemetry } from '@tbb-wallet/client/opentelemetry';
import { createWalletHandler } from '@tbb-wallet/handler';
import { handlerOpenTelemetry } from '@tbb-wallet/handler/opentelemetry';
import { bareWebHandler, benchSecret, constantWallet, minimalCall, signedWin, winRequest } from './fixtures.ts';
import { alternate, type Config, load, nsPerCall, type RatioRow, startServer } from './measure.ts';
import { httpColumns, type Section, sampleTable } from './report.ts';

const [bare, handler] = ['bare node:http', '`toNodeListener(createWalletHandler(…))`'];

export async function handlerHttp(config: Config): Promise<Section> {
  const servers = await Promise.all([startServer('bare'), startServer('handler')]);
  try {
    const [onBare, onHandler] = servers.map((s) => () => load(config, s.url, 50, signedWin));
    const { samples, ratios } = await alternate(config, { [bare]: onBare!, [handler]: onHandler! }, [
      ['HTTP: handler ÷ bare node:http, requests/s', handler, bare, 'perSecond', ['≥', 0.85]],
      ['HTTP: handler ÷ bare node:http, p99', handler, bare, 'p99', ['≤', 1.25]],
    ]);
    return { title: 'Handler over HTTP', table: sampleTable(samples, httpColumns), ratios };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function handlerInProcess(config: Config): Promise<Section> {
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const exporter = new InMemoryMetricExporter(0);
  const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter })] });
  const raw = { body: Buffer.from(signedWin.body), signature: signedWin.headers['x-request-sign'], method: 'POST' };
  const { action: _, ...input } = winRequest();
  const plain = { secret: benchSecret, wallet: constantWallet };
  const over = { baseUrl: 'http://127.0.0.1/', secret: benchSecret, fetch: bareWebHandler };
  const web = (h: (r: Request) => Promise<Response>) => async () => {
    const response = await h(new Request('http://127.0.0.1/wallet', { method: 'POST', ...signedWin }));
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
    return response.text();
  };
  const calls: Record<string, () => unknown> = {
    'minimal: HMAC + `timingSafeEqual`, `JSON.parse`, `JSON.stringify`': () => minimalCall(raw.body, raw.signature),
    'bare Web handler: read the `Request` body stream, the minimal, `new Response`': web(bareWebHandler),
    '`handle(new Request(…))`': web(createWalletHandler(plain)),
  };
  const [minimal, bareWeb, webPath] = Object.keys(calls) as [string, string, string];
  for (const [name, given] of [['none'], ['noop', {}], ['sdk', { tracerProvider, meterProvider }]] as const) {
    const handle = createWalletHandler({ ...plain, telemetry: given && handlerOpenTelemetry(api, given) });
    const payer = createWalletClient({ ...over, telemetry: given && clientOpenTelemetry(api, given) });
    if ((await handle.handleWalletCall(raw)).status !== 200) throw new Error(`handler ${name} refused the win`);
    calls[`handler ${name}`] = () => handle.handleWalletCall(raw);
    calls[`client ${name}`] = () => payer.win(input);
  }
  const timed = Object.fromEntries(
    Object.entries(calls).map(([name, fn]) => [name, () => nsPerCall(config, fn).finally(() => spans.reset())]),
  );
  const { samples, ratios } = await alternate(config, timed, [
    ['In process: handleWalletCall ÷ minimal, µs/call', 'handler none', minimal, 'µs', ['≤', 2]],
    ['Web: handle(Request) ÷ bare Web handler, µs/call', webPath, bareWeb, 'µs'],
    ...['handler', 'client'].flatMap((s): RatioRow[] => [
      [`Telemetry: ${s}, noop ÷ none, µs/call`, `${s} noop`, `${s} none`, 'µs', ['≤', 1.1]],
      [`Telemetry: ${s}, sdk ÷ none, µs/call`, `${s} sdk`, `${s} none`, 'µs'],
    ]),
  ]);
  await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
  const table = sampleTable(samples, [['µs/call', 'µs', 2]]);
  return { title: 'Handler and telemetry in process', table, ratios };
}
