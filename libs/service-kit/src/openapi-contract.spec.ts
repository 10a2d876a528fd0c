import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { references, refusals } from '@lib/contracts';
import {
  crossFieldRulesOf,
  declareRefusals,
  documentCheckRules,
  genericRefusals,
  methodNotAllowed,
  refusalsIn,
} from './openapi-contract';

describe('the API descriptions as the contract', () => {
  it('declares the refusals an operation can answer from what its route declares', () => {
    const token = [{ bearer: [] }];
    expect(genericRefusals('get', '/api/v1/households', { security: token })).toEqual([401, 403, 429, 503]);
    expect(
      genericRefusals('patch', '/api/v1/households/{id}', {
        security: token,
        parameters: [{ in: 'path' }],
        requestBody: {},
      }),
    ).toEqual([400, 401, 403, 404, 409, 413, 415, 429, 503]);
    // a public login: no token to refuse, a body to read
    expect(genericRefusals('post', '/api/v1/auth/login', { requestBody: {} })).toEqual([
      400, 409, 413, 415, 429, 503,
    ]);
    // a record named by a required id in the query
    expect(
      genericRefusals('get', '/api/v1/attendance', {
        security: token,
        parameters: [{ in: 'query', required: true, schema: { format: 'uuid' } }],
      }),
    ).toContain(404);
  });

  it('gives every refusal its body, 400s with their problems, and keeps what a handler declared', () => {
    const doc = declareRefusals({
      openapi: '3.0.0',
      info: { title: 't', version: 'v1' },
      paths: {
        '/api/v1/x/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true }],
            responses: { '200': { description: 'ok' }, '409': { description: '已关闭' } },
          },
        },
      },
    } as unknown as OpenAPIObject);
    const responses = doc.paths['/api/v1/x/{id}'].get!.responses as unknown as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '404', '409', '429', '503']);
    expect(responses['409'].description).toBe('已关闭');
    expect(JSON.stringify(responses['400'])).toContain('#/components/schemas/ValidationErrorBody');
    expect(JSON.stringify(responses['404'])).toContain('#/components/schemas/ErrorBody');
    expect(doc.components!.schemas!.ValidationErrorBody).toMatchObject({
      required: ['statusCode', 'message', 'problems'],
    });
  });

  it('says the cross-field rules JSON Schema cannot carry', () => {
    const q = z
      .object({ countyCode: z.string().optional(), townCode: z.string().optional() })
      .refine((v) => !!v.countyCode !== !!v.townCode, {
        message: '须且仅须给出 countyCode 或 townCode 之一',
      });
    expect(crossFieldRulesOf(q)).toEqual(['须且仅须给出 countyCode 或 townCode 之一']);
    expect(crossFieldRulesOf(z.object({ a: z.string() }))).toEqual([]);
  });

  it('answers a method the description does not declare with 405 and Allow', () => {
    const middleware = methodNotAllowed({
      paths: { '/api/v1/households/{id}': { get: {}, patch: {} } },
    } as unknown as OpenAPIObject);
    const answer = (method: string, url: string) => {
      const res = {
        statusCode: 0,
        headers: {} as Record<string, string>,
        body: undefined as unknown,
        status(s: number) {
          this.statusCode = s;
          return this;
        },
        set(k: string, v: string) {
          this.headers[k] = v;
          return this;
        },
        json(b: unknown) {
          this.body = b;
          return this;
        },
      };
      let passed = false;
      middleware({ method, originalUrl: url, url } as never, res as never, () => (passed = true));
      return { passed, ...res };
    };
    const trace = answer('TRACE', '/api/v1/households/abc');
    expect(trace.statusCode).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, PATCH');
    expect(trace.body).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
    expect(answer('PATCH', '/api/v1/households/abc?x=1').passed).toBe(true);
    expect(answer('HEAD', '/api/v1/households/abc').passed).toBe(true);
    expect(answer('TRACE', '/api/v1/unknown').passed).toBe(true); // not described: the router's 404
  });

  it('carries every rule of the input and every record it names as x-refusals, with the field a refusal names', () => {
    const Body = z
      .object({
        householdId: references(z.string().uuid(), 'household'),
        teamId: references(z.string().uuid(), 'work team', 400),
        startsOn: z.string(),
        endsOn: z.string(),
        members: z
          .array(z.object({ idNumber: z.string() }).meta(refusals({ field: 'idNumber', rule: '证件号格式' })))
          .refine((m) => m.length > 0, '至少一名成员'),
      })
      .refine((b) => b.endsOn >= b.startsOn, { message: '不能早于开始', path: ['endsOn'] })
      .superRefine(() => undefined)
      .meta(refusals({ field: 'startsOn', rule: '不能晚于今天' }));
    const json = z.toJSONSchema(Body, {
      target: 'openapi-3.0',
      io: 'input',
      override: ({ zodSchema, jsonSchema }) => documentCheckRules(jsonSchema as never, zodSchema),
    }) as Record<string, unknown>;
    const found = refusalsIn(json, 'body');
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'endsOn', rule: '不能早于开始' },
        { field: 'startsOn', rule: '不能晚于今天' },
        expect.objectContaining({ field: 'householdId', status: 404 }),
        expect.objectContaining({ field: 'teamId', status: 400 }),
        { field: 'members', rule: '至少一名成员' },
        { field: 'members.*.idNumber', rule: '证件号格式' },
      ]),
    );
    expect(found).toHaveLength(6);
    // a record named in the body: the operation documents its 404
    expect(
      genericRefusals('post', '/api/v1/care-roster', { requestBody: {}, 'x-refusals': found }),
    ).toContain(404);
    // a rule of the whole input names the input
    expect(refusalsIn({ 'x-refusals': [{ field: '', rule: '恰好一个' }] }, 'query')).toEqual([
      { field: 'query', rule: '恰好一个' },
    ]);
  });
});
