import * as http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import { tracer } from '@lib/messaging';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';
import { tracingEnabled } from './tracing';

/**
 * Prometheus metrics of an app, with prom-client's default registry: process metrics (CPU, memory,
 * event-loop lag, GC, handles), HTTP requests by route template, and what the libraries and the app
 * register (Kafka consumer, outbox, queues, deliveries, rules). Served at GET /metrics on the app's
 * own port, or only on METRICS_PORT when that is set (the gateway, whose port is public); never
 * routed by the gateway (it forwards /api/v1/* only) and needing no token: ops scrape each app.
 */
let defaultsCollected = false;

const httpRequests = new Counter({
  name: 'http_server_requests_total',
  help: 'HTTP requests answered, by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'],
});
const httpDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

interface RoutedReq extends Request {
  /** set by a handler that knows a better template than its own (the gateway's upstream route) */
  metricsRoute?: string;
}

/** The route template of an answered request ('unmatched' when no route took it: no label per URL). */
function routeOf(req: RoutedReq): string {
  if (req.metricsRoute) return req.metricsRoute;
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  return 'unmatched';
}

const UNMEASURED = /^\/(metrics|health)(\/|\?|$)/;

async function answerScrape(res: http.ServerResponse) {
  try {
    const body = await register.metrics();
    res.writeHead(200, { 'content-type': register.contentType }).end(body);
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String((e as Error).message));
  }
}

/** A trace context for a request that brought none while tracing is off: a fresh trace id, not sampled. */
function freshContext() {
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    traceFlags: TraceFlags.NONE,
    isRemote: false,
  });
}

/**
 * Installs HTTP metrics and /metrics (before Nest's routes). Each request runs in the trace context
 * it brought (traceparent) or a fresh one, so its logs, its request id and the events it writes carry
 * one trace id; with tracing on, in a server span named after its route template.
 */
export function installMetrics(app: INestApplication, options: { metricsPort?: number; host: string }) {
  if (!defaultsCollected) {
    collectDefaultMetrics();
    defaultsCollected = true;
  }
  app.use((req: RoutedReq, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.path === '/metrics' && !options.metricsPort) {
      void answerScrape(res);
      return;
    }
    if (UNMEASURED.test(req.path)) return next();
    const end = httpDuration.startTimer();
    const brought = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracingEnabled()
      ? tracer().startSpan(req.method, { kind: SpanKind.SERVER }, brought)
      : undefined;
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status_code: String(res.statusCode) };
      httpRequests.inc(labels);
      end(labels);
      if (!span) return;
      if (labels.route !== 'unmatched') {
        span.setAttribute('http.route', labels.route);
        span.updateName(`${req.method} ${labels.route}`);
      }
      span.setAttribute('http.request.method', req.method);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    if (span) return context.with(trace.setSpan(brought, span), next);
    const ctx = trace.getSpanContext(brought) ? brought : freshContext();
    context.with(ctx, next);
  });
  if (!options.metricsPort) return;
  metricsServer = http.createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') void answerScrape(res);
    else res.writeHead(404).end();
  });
  metricsServer.listen(options.metricsPort, options.host);
}

let metricsServer: http.Server | null = null;

/** Closes the separate metrics listener (METRICS_PORT), at shutdown. */
export async function closeMetricsServer(): Promise<void> {
  const server = metricsServer;
  metricsServer = null;
  if (server) await new Promise<void>((r) => server.close(() => r()));
}
