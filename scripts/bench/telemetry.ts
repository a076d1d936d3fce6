/** Telemetry's cost in process: no `telemetry` option, the OTel adapters with nothing registered, and with the SDK. */
import * as api from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createWalletClient } from '@tbb-wallet/client';
import { clientOpenTelemetry as client } from '@tbb-wallet/client/opentelemetry';
import { createWalletHandler } from '@tbb-wallet/handler';
import { handlerOpenTelemetry as handler } from '@tbb-wallet/handler/opentelemetry';
import { constantWallet, bareWebHandler as fetch, benchSecret as secret, signedWin, winRequest } from './fixtures.ts';
import { alternate, type Config, nsPerCall, type RatioRow, type Sample } from './measure.ts';
import { type Section, sampleTable } from './report.ts';

const what =
  'The signed `win` in this process: `handleWalletCall` (constant wallet), and `wallet.win()` over a `fetch` calling the bare Web handler. `none`: no `telemetry`; `noop`: the OTel adapter, nothing registered; `sdk`: BasicTracerProvider + SimpleSpanProcessor(InMemorySpanExporter), a MeterProvider, the W3C propagator.';
const rows = ['handler', 'client'].flatMap((s): RatioRow[] => [
  [`Telemetry: ${s}, noop ÷ none, µs/call`, `${s} noop`, `${s} none`, 'µs', ['≤', 1.1]],
  [`Telemetry: ${s}, sdk ÷ none, µs/call`, `${s} sdk`, `${s} none`, 'µs'],
]);
export async function telemetry(config: Config): Promise<Section> {
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const exporter = new InMemoryMetricExporter(0);
  const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter })] });
  const raw = { body: Buffer.from(signedWin.body), signature: signedWin.headers['x-request-sign'], method: 'POST' };
  const { action: _, ...win } = winRequest();
  const timed: Record<string, () => Promise<Sample>> = {};
  const over = { baseUrl: 'http://127.0.0.1/', secret, fetch };
  for (const [name, given] of [['none'], ['noop', {}], ['sdk', { tracerProvider, meterProvider }]] as const) {
    const handle = createWalletHandler({ secret, wallet: constantWallet, telemetry: given && handler(api, given) });
    const payer = createWalletClient({ ...over, telemetry: given && client(api, given) });
    timed[`handler ${name}`] = () => nsPerCall(config, () => handle.handleWalletCall(raw)).finally(() => spans.reset());
    timed[`client ${name}`] = () => nsPerCall(config, () => payer.win(win)).finally(() => spans.reset());
  }
  const { samples, ratios } = await alternate(config, timed, rows);
  await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
  return { title: 'Telemetry', what, table: sampleTable(samples, [['µs/call', 'µs', 2]]), ratios };
}
