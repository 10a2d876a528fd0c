import {
  Attributes,
  context,
  Context,
  Link,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/**
 * W3C trace context across the hops that are not HTTP (outbox → Kafka → consumer → BullMQ job →
 * channel call). Spans go to whatever tracer provider the process registered (libs/service-kit
 * tracing.ts): none when tracing is off, and then only the context travels (a span started under a
 * remote parent keeps its trace id), so the trace id still reaches the next app's logs.
 */
export const tracer = () => trace.getTracer('fangfanpin');

/** The active context as a `traceparent` (undefined when there is none). */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent;
}

/** Adds the active context's `traceparent` (and `tracestate`) to headers. */
export function injectTraceHeaders(headers: Record<string, string>, ctx: Context = context.active()) {
  propagation.inject(ctx, headers);
  return headers;
}

/** The context a `traceparent` names (the root context if none or malformed). */
export function contextOfTraceparent(traceparent: string | undefined | null): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** The trace id of the active context, if any (log lines, request ids). */
export function activeTraceId(ctx: Context = context.active()): string | undefined {
  const sc = trace.getSpanContext(ctx);
  return sc && trace.isSpanContextValid(sc) ? sc.traceId : undefined;
}

/** Runs `fn` in a span under `parent`; the span records an error and ends when `fn` settles. */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; parent?: Context; attributes?: Attributes; links?: Link[] },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
    throw e;
  } finally {
    span.end();
  }
}

export { SpanKind };
