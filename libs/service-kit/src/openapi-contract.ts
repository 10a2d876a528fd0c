import { applyDecorators } from '@nestjs/common';
import { ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { DocumentedRefusal, REFERENCES_EXTENSION, REFUSALS_EXTENSION } from '@lib/contracts';

export { REFUSALS_EXTENSION };

/**
 * The API descriptions as the contract (issue 22): every status an operation can answer with, each
 * refusal with its body. Most refusals follow from what the route declares (a token, path parameters,
 * input, the method) and are added here to every operation; an operation that answers more says so
 * with `@Refuses(status, why)` on its handler.
 */

type Json = Record<string, unknown>;

/** Components every refusal refers to. */
export const ERROR_BODY = 'ErrorBody';
export const VALIDATION_ERROR_BODY = 'ValidationErrorBody';

const problemsSchema: Json = {
  type: 'array',
  description: '每个问题：字段及原因 (each problem names its field and the reason)',
  items: {
    type: 'object',
    required: ['field', 'reason'],
    properties: { field: { type: 'string', minLength: 1 }, reason: { type: 'string', minLength: 1 } },
  },
};

/** Every refusal: the status, its name, a message (Chinese first); 400s also list the problems. */
const errorBody: Json = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string' },
    message: { type: 'string', minLength: 1 },
    problems: problemsSchema,
  },
};
const validationErrorBody: Json = {
  ...errorBody,
  required: ['statusCode', 'message', 'problems'],
  properties: { ...(errorBody.properties as Json), problems: { ...problemsSchema, minItems: 1 } },
};

/** Why each status is answered, as the descriptions say it. */
export const REFUSAL_REASONS: Record<number, string> = {
  400: '输入有误：逐项列出字段及原因，或请求体本身无法读取 (invalid input; each problem names its field)',
  401: '未登录或凭证无效 (missing, expired or invalid credentials)',
  403: '角色或组织范围不允许 (the caller’s role or org units do not allow it)',
  404: '所指的记录不存在或不在调用者范围内 (no such record in the caller’s scope)',
  405: '该路径不支持此方法，见 Allow 头 (method not allowed; see the Allow header)',
  409: '与当前状态冲突（重复、版本不符或状态不允许） (conflicts with the current state)',
  413: '请求体过大 (request body too large)',
  415: '请求体的编码或字符集不受支持 (unsupported encoding or charset)',
  429: '请求过于频繁，见 Retry-After 头 (rate limit exceeded; see Retry-After)',
  503: '服务或其依赖的外部网关暂不可用 (the app, or an outside gateway it depends on, is unavailable)',
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function refusalResponse(status: number, description?: string): Json {
  return {
    description: description ?? REFUSAL_REASONS[status] ?? '拒绝 (refused)',
    content: { 'application/json': { schema: ref(status === 400 ? VALIDATION_ERROR_BODY : ERROR_BODY) } },
  };
}

/**
 * An operation answers `status` for a reason its route does not show (e.g. 409 on a state conflict
 * of a read, 503 when an outside gateway is away, 401 of a public login): documented with the refusal body.
 */
export const Refuses = (status: number, description?: string) =>
  applyDecorators(
    ApiResponse({
      status,
      description: description ?? REFUSAL_REASONS[status] ?? '拒绝 (refused)',
      schema: ref(status === 400 ? VALIDATION_ERROR_BODY : ERROR_BODY) as never,
    }),
  );

interface OperationObject {
  parameters?: Array<{ in?: string; required?: boolean; schema?: { format?: string } }>;
  requestBody?: unknown;
  security?: unknown[];
  description?: string;
  responses?: Record<string, Json>;
  [REFUSALS_EXTENSION]?: DocumentedRefusal[];
}

/** The statuses an operation answers by what it declares (see REFUSAL_REASONS). */
export function genericRefusals(method: string, path: string, op: OperationObject): number[] {
  const statuses = [429, 503];
  const params = op.parameters ?? [];
  if (params.length > 0 || op.requestBody || WRITES.has(method)) statuses.push(400);
  if (op.security?.length) statuses.push(401, 403);
  // a record named by the path, or by a required id in the query (`?memberId=`)
  const namesRecord = params.some((p) => p.in === 'path' || (p.required && p.schema?.format === 'uuid'));
  if (/\{[^}]+\}/.test(path) || namesRecord) statuses.push(404);
  if (WRITES.has(method)) statuses.push(409);
  if (op.requestBody || (WRITES.has(method) && method !== 'delete')) statuses.push(413, 415);
  // the rules of its input (x-refusals): a record named in the body or query, a state-dependent rule
  for (const r of op[REFUSALS_EXTENSION] ?? []) statuses.push(r.status ?? 400);
  return [...new Set(statuses)].sort((a, b) => a - b);
}

/** Adds the refusal components and every operation's refusals (kept where the handler declared its own). */
export function declareRefusals(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {}) as Json;
  schemas[ERROR_BODY] = errorBody;
  schemas[VALIDATION_ERROR_BODY] = validationErrorBody;
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, OperationObject | undefined>)[method];
      if (!op) continue;
      const responses = (op.responses ??= {});
      for (const status of genericRefusals(method, path, op))
        responses[String(status)] ??= refusalResponse(status);
      // a handler's own @Refuses / @ApiResponse for a refusal without a body: the refusal body
      for (const [status, response] of Object.entries(responses))
        if (Number(status) >= 400 && !response.content) {
          const full = refusalResponse(Number(status), response.description as string | undefined);
          responses[status] = full;
        }
    }
  }
  return document;
}

/**
 * Cross-field rules of a schema (zod `.refine(…, message)`) the JSON Schema cannot carry, e.g. "exactly
 * one of countyCode, townCode, villageCode": their messages, for the operation's description.
 */
export function crossFieldRulesOf(schema: z.ZodType): string[] {
  const rules: string[] = [];
  let s: unknown = schema;
  for (let i = 0; i < 10 && s; i++) {
    const def = (s as { _zod?: { def?: Json } })._zod?.def;
    if (!def) break;
    for (const check of (def.checks as Array<{ _zod: { def: Json } }> | undefined) ?? []) {
      const c = check._zod.def;
      if (c.check !== 'custom' || typeof c.error !== 'function') continue;
      try {
        const message = (c.error as () => unknown)();
        if (typeof message === 'string' && message) rules.push(message);
      } catch {
        /* a message computed from the issue: not a fixed rule */
      }
    }
    s = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return rules;
}

/** The fixed messages of a zod schema's own refinements, with the path each names (relative to it). */
function checkRulesOf(schema: z.core.$ZodType): DocumentedRefusal[] {
  const rules: DocumentedRefusal[] = [];
  const checks = (schema._zod.def as { checks?: Array<{ _zod: { def: Json } }> }).checks ?? [];
  for (const check of checks) {
    const c = check._zod.def;
    if (c.check !== 'custom' || typeof c.error !== 'function') continue;
    try {
      const message = (c.error as () => unknown)();
      const path = (c.path as PropertyKey[] | undefined) ?? [];
      if (typeof message === 'string' && message)
        rules.push({ field: path.map(String).join('.'), rule: message });
    } catch {
      /* a message computed from the issue: not a fixed rule */
    }
  }
  return rules;
}

/**
 * For z.toJSONSchema's override: a node whose zod schema has refinements (`.refine(check, message)`)
 * documents them as its `x-refusals` (merged with those its schema declares with `refuses`).
 */
export function documentCheckRules(json: Json, schema: z.core.$ZodType): void {
  const rules = checkRulesOf(schema);
  if (rules.length === 0) return;
  const known = (json[REFUSALS_EXTENSION] as DocumentedRefusal[] | undefined) ?? [];
  const seen = new Set(known.map((r) => `${r.field}\u0000${r.rule}`));
  json[REFUSALS_EXTENSION] = [...known, ...rules.filter((r) => !seen.has(`${r.field}\u0000${r.rule}`))];
}

/**
 * Every rule a request's JSON Schema carries (`x-refusals` and `x-references` at any depth), with the
 * field as a refusal's problem names it: the path from the root (`*` for any item or map key), or
 * `root` (the parameter, or body/query) for a rule of the whole input.
 */
export function refusalsIn(schema: Json, root: string): DocumentedRefusal[] {
  const found: DocumentedRefusal[] = [];
  const seen = new Set<string>();
  const join = (path: string[], field: string) =>
    [...path, ...(field ? field.split('.') : [])].join('.') || root;
  const add = (r: DocumentedRefusal) => {
    const key = `${r.field}\u0000${r.rule}\u0000${r.status ?? 400}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(r);
  };
  const walk = (s: unknown, path: string[], depth: number) => {
    if (!s || typeof s !== 'object' || depth > 32) return;
    const node = s as Json;
    for (const r of (node[REFUSALS_EXTENSION] as DocumentedRefusal[] | undefined) ?? [])
      add({ ...r, field: join(path, r.field) });
    const reference = node[REFERENCES_EXTENSION] as { record: string; status?: number } | undefined;
    if (reference)
      add({
        field: join(path, ''),
        rule: `须为已有的记录 (${reference.record}，且在调用者范围内)`,
        status: reference.status ?? 404,
      });
    for (const [k, v] of Object.entries((node.properties as Json | undefined) ?? {}))
      walk(v, [...path, k], depth + 1);
    if (node.items) walk(node.items, [...path, '*'], depth + 1);
    if (node.additionalProperties) walk(node.additionalProperties, [...path, '*'], depth + 1);
    for (const branch of [
      ...((node.anyOf as unknown[]) ?? []),
      ...((node.oneOf as unknown[]) ?? []),
      ...((node.allOf as unknown[]) ?? []),
    ])
      walk(branch, path, depth + 1);
  };
  walk(schema, [], 0);
  return found;
}

function templateRegExp(path: string): RegExp {
  const escaped = path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * A method the description does not declare on a path it does (TRACE, or DELETE on a read-only
 * resource) is answered 405 with `Allow`, the refusal body and nothing done, instead of Nest's 404.
 * Registered before the routes; paths the description does not hold are left to the router.
 */
export function methodNotAllowed(document: OpenAPIObject) {
  const templates = Object.entries(document.paths ?? {})
    .filter(([path]) => path.startsWith('/api/'))
    .map(([path, item]) => {
      const methods = METHODS.filter((m) => (item as Json)[m]).map((m) => m.toUpperCase());
      if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
      return { re: templateRegExp(path), methods };
    });
  return (req: Request, res: Response, next: NextFunction) => {
    const method = req.method.toUpperCase();
    if (method === 'OPTIONS') return next();
    const path = (req.originalUrl ?? req.url).split('?')[0];
    if (!path.startsWith('/api/')) return next();
    const matching = templates.filter((t) => t.re.test(path));
    if (matching.length === 0 || matching.some((t) => t.methods.includes(method))) return next();
    const allowed = [...new Set(matching.flatMap((t) => t.methods))].sort();
    res
      .status(405)
      .set('allow', allowed.join(', '))
      .json({
        statusCode: 405,
        error: 'Method Not Allowed',
        message: `该接口不支持 ${method} (allowed: ${allowed.join(', ')})`,
      });
  };
}
