/**
 * OpenTelemetry set-up, imported first by every app's main.ts. Off by default: tracing starts when an OTLP endpoint
 * is configured the usual way (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 * and neither OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none says otherwise. The exporter
 * (OTLP over HTTP), the batch processor (OTEL_BSP_*), the sampler (OTEL_TRACES_SAMPLER) and the
 * resource (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) read their own OTEL_* variables.
 *
 * HTTP server spans come from the apps' own middleware (libs/service-kit metrics.ts), not from
 * @opentelemetry/instrumentation-http: its require hook (require-in-the-middle) on every module load
 * made an app's start several times slower on a loaded machine, for nothing we need.
 *
 * Off, only context propagation is installed (an AsyncLocalStorage context manager and the W3C
 * propagator): no spans are recorded or exported, but a trace id that arrives (traceparent header,
 * CloudEvent, Kafka header, job) travels on and appears in the log lines.
 */
import * as path from 'node:path';
import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (String(env.OTEL_SDK_DISABLED).toLowerCase() === 'true') return false;
  if (String(env.OTEL_TRACES_EXPORTER ?? '').toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** dist/apps/<name>/src/main.js → <name> */
function appName(): string {
  const main = require.main?.filename ?? '';
  return path.basename(path.dirname(path.dirname(main))) || 'service';
}

let provider: NodeTracerProvider | null = null;
let started = false;

export function startTracing(): { enabled: boolean } {
  if (started) return { enabled: provider !== null };
  started = true;
  if (!tracingWanted()) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    return { enabled: false };
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? appName() }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return { enabled: true };
}

export function tracingEnabled(): boolean {
  return provider !== null;
}

/** Sends the spans still buffered (at shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown().catch(() => undefined);
}

startTracing();
