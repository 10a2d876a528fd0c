import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Public } from '@lib/auth';

/**
 * OpenAPI extension of an operation telling the gateway how to offer it (the gateway builds its
 * route table from every app's /api/docs/openapi.json). Operations without it are offered to
 * callers with a bearer token or a signed request.
 */
export const GATEWAY_EXTENSION = 'x-gateway';

export type GatewayExposure =
  /** let through without a bearer token; the app checks the integration's own credentials */
  | { access: 'public-integration'; integration: string }
  /** not offered through the gateway */
  | { access: 'internal'; reason: string };

/** OpenAPI extension: how long (ms) the gateway waits for the app's answer (default PROXY_TIMEOUT_MS). */
export const GATEWAY_TIMEOUT_EXTENSION = 'x-gateway-timeout-ms';

const GATEWAY_EXPOSURE = Symbol('gateway-exposure');
const GATEWAY_TIMEOUT = Symbol('gateway-timeout');

/**
 * An integration's entry point that carries its own credentials, checked by the app itself (e.g.
 * DingTalk's signed, encrypted callback): public to the app's token guard, and let through the
 * gateway with no bearer token (rate-limited and audited by source address). Keep these few.
 */
export const PublicIntegration = (integration: string) =>
  applyDecorators(
    Public(),
    SetMetadata(GATEWAY_EXPOSURE, { access: 'public-integration', integration } satisfies GatewayExposure),
  );

/**
 * Not offered through the gateway: e.g. an app's read-model copy of data another app owns and
 * serves (the owner answers the same path through the gateway).
 */
export const NotThroughGateway = (reason: string) =>
  SetMetadata(GATEWAY_EXPOSURE, { access: 'internal', reason } satisfies GatewayExposure);

/** A handler's (or its controller's) exposure, for the API documentation. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function gatewayExposureOf(handler: Function, controller: Function): GatewayExposure | undefined {
  return (Reflect.getMetadata(GATEWAY_EXPOSURE, handler) ??
    Reflect.getMetadata(GATEWAY_EXPOSURE, controller)) as GatewayExposure | undefined;
}

/**
 * The gateway waits up to `ms` for this handler's answer (and between the pieces of its body)
 * instead of its default: for the few operations that take long by nature (a ledger import).
 */
export const GatewayTimeout = (ms: number) => SetMetadata(GATEWAY_TIMEOUT, ms);

/** A handler's (or its controller's) gateway timeout, for the API documentation. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function gatewayTimeoutOf(handler: Function, controller: Function): number | undefined {
  return (Reflect.getMetadata(GATEWAY_TIMEOUT, handler) ??
    Reflect.getMetadata(GATEWAY_TIMEOUT, controller)) as number | undefined;
}
