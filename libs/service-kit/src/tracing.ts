/**
 * OpenTelemetry set-up (JS SDK 3), imported first by every app's main.ts. Off by default: tracing starts when an
 * OTLP endpoint is configured the usual way (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 * and neither OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none says otherwise. The exporter (OTLP over HTTP)
 * reads its own OTEL_EXPORTER_OTLP_* variables; SDK 3 no longer reads the others, so they are read here, as the
 * specification names them: the batch processor (OTEL_BSP_*), the sampler (OTEL_TRACES_SAMPLER and its ARG) and
 * the resource (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES).
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
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  BatchSpanProcessorOptions,
  ParentBasedSampler,
  Sampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

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

/** OTEL_TRACES_SAMPLER (+ OTEL_TRACES_SAMPLER_ARG) as the specification defines them; default parentbased_always_on. */
export function samplerFromEnv(env: NodeJS.ProcessEnv = process.env): Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG);
  const traceIdRatio = () => new TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1);
  switch (String(env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on').toLowerCase()) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return traceIdRatio();
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: traceIdRatio() });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/** OTEL_BSP_SCHEDULE_DELAY, _EXPORT_TIMEOUT, _MAX_QUEUE_SIZE, _MAX_EXPORT_BATCH_SIZE: those set, as numbers. */
export function batchOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Omit<BatchSpanProcessorOptions, 'exporter'> {
  const read = (name: string) => {
    const n = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const options = {
    scheduledDelayMillis: read('OTEL_BSP_SCHEDULE_DELAY'),
    exportTimeoutMillis: read('OTEL_BSP_EXPORT_TIMEOUT'),
    maxQueueSize: read('OTEL_BSP_MAX_QUEUE_SIZE'),
    maxExportBatchSize: read('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

let provider: TracerProvider | null = null;
let started = false;

export function startTracing(): { enabled: boolean } {
  if (started) return { enabled: provider !== null };
  started = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (!tracingWanted()) return { enabled: false };
  // OTEL_RESOURCE_ATTRIBUTES first, then the service's name (OTEL_SERVICE_NAME, else the app's folder)
  const resource = detectResources({ detectors: [envDetector] }).merge(
    resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? appName() }),
  );
  provider = new TracerProvider({
    resource,
    sampler: samplerFromEnv(),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...batchOptionsFromEnv() })],
  });
  trace.setGlobalTracerProvider(provider);
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
