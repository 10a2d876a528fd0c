import type { IncomingMessage } from 'node:http';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConsumerOptions, KafkaBatchServer, RethrowEventHandlerErrors } from '@lib/messaging';
import { serveOpenApi } from './openapi';
import { installMetrics } from './metrics';

export interface StartOptions {
  module: Type | DynamicModule;
  port: number;
  host: string;
  /** When the app consumes Kafka topics. */
  consumer?: ConsumerOptions;
  /** Keep each request's raw body as req.rawBody (signature checks, proxying). */
  rawBody?: boolean;
  /** Largest JSON body accepted (body-parser syntax, e.g. '2mb'); default 100kb. */
  jsonBodyLimit?: string;
  /**
   * Which requests get their JSON and urlencoded bodies parsed (default: all). The others keep
   * their body stream unread, for handlers that pass it on (the gateway's proxy).
   */
  parseBodiesOf?: (req: IncomingMessage) => boolean;
  /** Express "trust proxy": which proxies' X-Forwarded-For gives req.ip (default: none, the socket's address). */
  trustProxy?: string;
  /** Title of the OpenAPI documentation served at /api/docs (default: the app's folder name). */
  apiTitle?: string;
  /** Serve /metrics on this port only (0 or absent: on the app's own port). */
  metricsPort?: number;
}

export interface RunningService {
  app: INestApplication;
  consumer: KafkaBatchServer | null;
}

/**
 * Starts an app: HTTP API, and the Kafka consumer as a Nest microservice in the same process.
 * On SIGTERM/SIGINT: stop fetching and drain the batch in progress, commit, then close the database.
 */
export async function startService(options: StartOptions): Promise<RunningService> {
  const app = await NestFactory.create(options.module, {
    bufferLogs: true,
    rawBody: options.rawBody ?? false,
    bodyParser: !options.parseBodiesOf,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  installMetrics(app, { metricsPort: options.metricsPort, host: options.host });
  if (options.parseBodiesOf) {
    const only = options.parseBodiesOf;
    const typed = (pattern: RegExp) => (req: IncomingMessage) =>
      only(req) && pattern.test(String(req.headers['content-type'] ?? ''));
    const express = app as NestExpressApplication;
    express.useBodyParser('json', {
      limit: options.jsonBodyLimit,
      type: typed(/^application\/([\w.+-]+\+)?json\b/i),
    });
    express.useBodyParser('urlencoded', {
      extended: true,
      type: typed(/^application\/x-www-form-urlencoded\b/i),
    });
  } else if (options.jsonBodyLimit)
    (app as NestExpressApplication).useBodyParser('json', { limit: options.jsonBodyLimit });
  if (options.trustProxy)
    (app as NestExpressApplication).set(
      'trust proxy',
      options.trustProxy.split(',').map((p) => p.trim()),
    );
  let consumer: KafkaBatchServer | null = null;
  if (options.consumer) {
    consumer = new KafkaBatchServer(options.consumer);
    app.useGlobalFilters(new RethrowEventHandlerErrors(app.getHttpAdapter()));
    app.connectMicroservice({ strategy: consumer }, { inheritAppConfig: true });
  }
  serveOpenApi(app, { title: options.apiTitle });
  // the app's start-up (collections and indexes, migrations, seeds, read-model pointers: the modules'
  // init hooks) before the first event is taken — a connected microservice starts consuming at once,
  // and Nest runs the hooks only in app.init (rules once evaluated a fresh database's backlog against
  // lines and a rule book not yet seeded, and raised nothing)
  await app.init();
  if (consumer) await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  return { app, consumer };
}
