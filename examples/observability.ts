import * as api from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { MeterProvider, type MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createWalletClient } from '@tbb-wallet/client';
import { clientOpenTelemetry } from '@tbb-wallet/client/opentelemetry';
import { createWalletHandler, type WalletCallbacks } from '@tbb-wallet/handler';
import { handlerOpenTelemetry } from '@tbb-wallet/handler/opentelemetry';
import type { Logger } from 'pino';

/** Once per process, what `NodeSDK` of @opentelemetry/sdk-node also does (pass it your OTLP exporters). */
export function startOpenTelemetry(spans: SpanExporter, metrics: MetricReader) {
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  api.trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spans)] }));
  api.metrics.setGlobalMeterProvider(new MeterProvider({ readers: [metrics] }));
}

/** The operator: a SERVER span per call, continuing the provider's trace; every event and error logged. */
export const operatorHandler = (secret: string, wallet: WalletCallbacks, log: Logger) =>
  createWalletHandler({
    secret,
    wallet,
    telemetry: handlerOpenTelemetry(api),
    onEvent: (event) => log.info(event, 'wallet call'),
    onError: (error, info) => log.error({ err: error, ...info }, 'wallet call failed'),
  });

/** The provider: a span per call, a CLIENT span per attempt with its `traceparent`; each attempt and call logged. */
export const providerClient = (baseUrl: string, secret: string, log: Logger) =>
  createWalletClient({
    baseUrl,
    secret,
    telemetry: clientOpenTelemetry(api),
    onEvent: (event) => log.info(event, `wallet ${event.scope}`),
  });
