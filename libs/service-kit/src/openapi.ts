import * as path from 'node:path';
import { applyDecorators, INestApplication, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtension,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
} from '@nestjs/swagger';
import { z } from 'zod';
import { isPublicHandler, requiredRolesOf } from '@lib/auth';
import { isRealDay } from '@lib/contracts';
import {
  GATEWAY_EXTENSION,
  GATEWAY_TIMEOUT_EXTENSION,
  gatewayExposureOf,
  gatewayTimeoutOf,
} from './gateway-exposure';
import {
  crossFieldRulesOf,
  declareRefusals,
  documentCheckRules,
  methodNotAllowed,
  refusalsIn,
  REFUSALS_EXTENSION,
} from './openapi-contract';
import { SAFE_KEY_PATTERN, ZodValidationPipe } from './validation';

/** @nestjs/swagger's metadata key of @ApiResponse (its constants are not exported). */
const SWAGGER_API_RESPONSE = 'swagger/apiResponse';
/** … and of @ApiExtension. */
const SWAGGER_API_EXTENSION = 'swagger/apiExtension';
/** A body schema chosen by a path parameter (see ApiBodyChosenBy). */
export const CHOSEN_BY_EXTENSION = 'x-chosen-by';

/** Where every app serves its API documentation (outside /api/v1, so the gateway does not route it). */
export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

type JsonSchema = Record<string, unknown>;

/** zod's own formats (uuid, date-time, email…) carry the regex zod checks them with; the format says it. */
function withoutFormatPattern(json: JsonSchema, schema: z.core.$ZodType): void {
  const checks = (schema._zod.def as { checks?: z.core.$ZodCheck[] }).checks ?? [];
  const ownRegex = checks.some((c) => (c._zod.def as { format?: string }).format === 'regex');
  // (an email's pattern stays: zod's address rule is narrower than the format's RFC 5322)
  if (typeof json.format === 'string' && json.format !== 'email' && !ownRegex) delete json.pattern;
}

/** A string refined by isRealDay (2026-02-30 refused) is a calendar date: the description says `format: date`. */
function withDayFormat(json: JsonSchema, schema: z.core.$ZodType): void {
  const checks = (schema._zod.def as { checks?: z.core.$ZodCheck[] }).checks ?? [];
  if (json.type === 'string' && checks.some((c) => (c._zod.def as { fn?: unknown }).fn === isRealDay))
    json.format ??= 'date';
}

/** OpenAPI 3.0 JSON Schema of what a request may send (the input side of transforms and defaults). */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    reused: 'inline',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const json = jsonSchema as JsonSchema;
      if (zodSchema._zod.def.type === 'date') Object.assign(json, { type: 'string', format: 'date-time' });
      withoutFormatPattern(json, zodSchema);
      withDayFormat(json, zodSchema);
      documentCheckRules(json, zodSchema);
      // a map's keys as its key schema says (an enum, a pattern), and any JSON's: the validation refuses
      // operators and dotted keys (inspectInput)
      const def = zodSchema._zod.def as { type: string; keyType?: z.ZodType };
      if (def.type === 'record' && def.keyType) {
        const keys = jsonSchemaOf(def.keyType);
        if (keys.enum || keys.pattern) json.propertyNames = { type: 'string', ...keys };
      }
      const anyJson = ['unknown', 'any'].includes(def.type);
      const map =
        json.type === 'object' &&
        !!json.additionalProperties &&
        typeof json.additionalProperties === 'object';
      if (map || anyJson) json.propertyNames ??= { pattern: SAFE_KEY_PATTERN };
    },
  }) as JsonSchema;
}

/** Unwraps optional/default/transforms to reach an object schema's shape, for query and path params. */
function objectShapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  let s: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return s.shape as Record<string, z.ZodType>;
    if (s instanceof z.ZodPipe) s = (s.in instanceof z.ZodTransform ? s.out : s.in) as z.ZodType;
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPrefault) s = s.unwrap() as z.ZodType;
    else return null;
  }
  return null;
}

function zodPipeSchema(pipes: unknown[] | undefined): z.ZodType | null {
  for (const p of pipes ?? []) if (p instanceof ZodValidationPipe) return p.schema;
  return null;
}

interface RouteArg {
  index: number;
  data?: string;
  pipes?: unknown[];
}

type MethodDecorator = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => void;

/**
 * Documents one handler from what it already declares: the zod schemas of its ZodValidationPipes
 * (body, query, path params) and the roles of its @Roles. Nothing to keep in step by hand.
 */
function decorateHandler(controller: object, key: string): void {
  const proto = Object.getPrototypeOf(controller) as Record<string, unknown>;
  const handler = proto[key];
  if (typeof handler !== 'function') return;
  const descriptor = Object.getOwnPropertyDescriptor(proto, key);
  if (!descriptor) return;
  const apply = (d: MethodDecorator) => d(proto, key, descriptor);
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, proto.constructor, key) ?? {}) as Record<
    string,
    RouteArg
  >;
  /** cross-field rules of the input (zod refinements), which JSON Schema cannot say: in the description */
  const rules: string[] = [];
  /** every rule of the input the JSON Schema cannot say, and every record it names: `x-refusals` */
  const refusals: ReturnType<typeof refusalsIn> = [];
  for (const [argKey, arg] of Object.entries(args)) {
    const type = Number(argKey.split(':')[0]);
    const schema = zodPipeSchema(arg.pipes);
    if (!schema) continue;
    rules.push(...crossFieldRulesOf(schema));
    // a problem at the input's root names the parameter, or the part of the request (ZodValidationPipe)
    const where =
      arg.data ??
      (type === RouteParamtypes.BODY ? 'body' : type === RouteParamtypes.QUERY ? 'query' : 'param');
    refusals.push(...refusalsIn(jsonSchemaOf(schema), where));
    if (type === RouteParamtypes.BODY) {
      apply(ApiBody({ schema: jsonSchemaOf(schema) as never }));
    } else if (type === RouteParamtypes.QUERY || type === RouteParamtypes.PARAM) {
      const fields = arg.data ? { [arg.data]: schema } : objectShapeOf(schema);
      for (const [name, fieldSchema] of Object.entries(fields ?? {})) {
        const json = jsonSchemaOf(fieldSchema);
        const required = !fieldSchema.isOptional();
        const description = typeof json.description === 'string' ? json.description : undefined;
        if (type === RouteParamtypes.QUERY)
          apply(ApiQuery({ name, required, schema: json as never, description }));
        else apply(ApiParam({ name, required: true, schema: json as never, description }));
      }
    }
  }
  // @nestjs/swagger documents the default success (201 for POST, 200 otherwise, or @HttpCode's) only when
  // a handler declares no response at all: one that declares its refusals (@Refuses) keeps its success too
  const declared = Reflect.getMetadata(SWAGGER_API_RESPONSE, handler) as Record<string, unknown> | undefined;
  if (declared && !Object.keys(declared).some((status) => /^2\d\d$/.test(status))) {
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200);
    apply(ApiResponse({ status, description: '成功 (success)' }));
  }
  if (refusals.length) {
    // with those a decorator declared (ApiBodyChosenBy): @nestjs/swagger keeps the first value of a key
    const extensions = (Reflect.getMetadata(SWAGGER_API_EXTENSION, handler) ?? {}) as Record<string, unknown>;
    const declared = (extensions[REFUSALS_EXTENSION] as typeof refusals | undefined) ?? [];
    Reflect.defineMetadata(
      SWAGGER_API_EXTENSION,
      { ...extensions, [REFUSALS_EXTENSION]: [...declared, ...refusals] },
      handler,
    );
  }
  const exposure = gatewayExposureOf(handler, proto.constructor);
  if (exposure) apply(ApiExtension(GATEWAY_EXTENSION, exposure));
  const timeout = gatewayTimeoutOf(handler, proto.constructor);
  if (timeout) apply(ApiExtension(GATEWAY_TIMEOUT_EXTENSION, timeout));
  const ruleText = rules.length ? ` 跨字段规则 (cross-field rules): ${rules.join('；')}。` : '';
  if (isPublicHandler(handler, proto.constructor)) {
    apply(ApiOperation({ summary: key, description: `公开接口 (no token needed)${ruleText}` }));
    return;
  }
  const roles = requiredRolesOf(handler, proto.constructor);
  apply(ApiBearerAuth());
  apply(
    ApiOperation({
      summary: key,
      description:
        (roles?.length
          ? `需要角色 (roles): ${roles.join(', ')}。数据按调用者的组织范围过滤 (scoped to the caller's org units).`
          : '无角色可调用 (closed: no role may call it)') + ruleText,
    }),
  );
}

/**
 * A body whose schema a path parameter chooses (`POST /assistance/{ledger}`: each ledger's own): described
 * as oneOf the schemas, each titled by the parameter's value, with `x-chosen-by` naming the parameter (so a
 * client, and the fuzzer, sends the one the path names), and the rules of each (`x-refusals`).
 */
export function ApiBodyChosenBy(param: string, bodies: Record<string, z.ZodType>) {
  const branches = Object.entries(bodies).map(([value, schema]) => ({
    title: value,
    ...jsonSchemaOf(schema),
  }));
  const refusals = branches.flatMap((b) => refusalsIn(b, 'body'));
  return applyDecorators(
    ApiBody({ schema: { oneOf: branches, [CHOSEN_BY_EXTENSION]: { in: 'path', name: param } } as never }),
    ...(refusals.length ? [ApiExtension(REFUSALS_EXTENSION, refusals)] : []),
  );
}

function defaultTitle(): string {
  // dist/apps/<name>/src/main.js → <name>
  const main = require.main?.filename ?? '';
  return path.basename(path.dirname(path.dirname(main))) || 'service';
}

/**
 * Serves OpenAPI 3 documentation at /api/docs (Swagger UI) and /api/docs/openapi.json, generated
 * from the routes and the zod schemas the app validates with. @nestjs/swagger builds the document
 * from Nest's route metadata; zod's z.toJSONSchema turns each validation schema into its JSON Schema.
 */
export function serveOpenApi(app: INestApplication, options: { title?: string; description?: string } = {}) {
  const decorated = new Set<object>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || decorated.has(instance)) continue;
      decorated.add(instance);
      const proto = Object.getPrototypeOf(instance) as object;
      for (const key of Object.getOwnPropertyNames(proto))
        if (key !== 'constructor') decorateHandler(instance, key);
    }
  }
  const title = options.title ?? defaultTitle();
  const config = new DocumentBuilder()
    .setTitle(`${title} API`)
    .setDescription(
      options.description ??
        `防返贫动态监测与驻村帮扶管理平台 — ${title}. 所有 /api/v1 接口需要 Bearer 访问令牌 (EdDSA JWT)，经网关 (gateway) 访问。`,
    )
    .setVersion('v1')
    .addBearerAuth()
    .build();
  // every refusal each operation can answer, with its body; undeclared methods answer 405 (openapi-contract.ts)
  const document = declareRefusals(SwaggerModule.createDocument(app, config));
  app.use(methodNotAllowed(document));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    customSiteTitle: `${title} API`,
  });
  return document;
}
