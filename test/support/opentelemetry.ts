/**
 * The OpenTelemetry SDK (2.x) set up in memory for tests: one tracer provider whose spans an
 * `InMemorySpanExporter` keeps, one meter provider read on demand into an
 * `InMemoryMetricExporter`, and the W3C propagator with an AsyncLocalStorage context manager
 * registered globally (as `NodeSDK` does) for the test file's duration.
 */
import * as api from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The SDK in memory, and what it recorded. */
export interface MemoryTelemetry {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  /** The ended spans, oldest first. */
  spans(): ReadableSpan[];
  /** The metric `name` as collected now (cumulative since the start), or `undefined` when nothing was recorded. */
  metric(name: string): Promise<MetricData | undefined>;
  /** Forgets the spans recorded so far. */
  reset(): void;
  shutdown(): Promise<void>;
}

/** Registers the W3C propagator and the context manager globally; call the answer to unregister. */
export function registerGlobals(): () => void {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return () => {
    api.context.disable();
    api.propagation.disable();
  };
}

/** A fresh SDK in memory (not registered globally: pass its providers in the options). */
export function memoryTelemetry(): MemoryTelemetry {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Read only when a test asks (forceFlush), never on a timer.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    spans: () => spanExporter.getFinishedSpans(),
    async metric(name) {
      metricExporter.reset();
      await reader.forceFlush();
      const metrics = metricExporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
      return metrics.find((metric) => metric.descriptor.name === name);
    },
    reset: () => spanExporter.reset(),
    shutdown: async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** The data points of a metric as `[attributes, value]`: a histogram's count, a counter's sum. */
export function points(metric: MetricData | undefined): [api.Attributes, number][] {
  return (metric?.dataPoints ?? []).map((point: DataPoint<unknown>) => {
    const value = point.value as number | Histogram;
    return [point.attributes, typeof value === 'number' ? value : value.count];
  });
}
