import * as fs from 'node:fs';
import * as http from 'node:http';
import Ajv from 'ajv';
import fc from 'fast-check';
import { ALL_APPS, AppName, AppProcess, SmsSink } from '@lib/testing';
import { GATEWAY_ADMIN, Platform } from '../e2e/platform';
import { JsonSchema, mutated, valid } from './schema-arbitrary';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}
/** A rule of the input the JSON Schema cannot say (zod refinements, records named), from the description. */
interface DocumentedRefusal {
  field: string;
  rule: string;
  status?: number;
}
interface Operation {
  description?: string;
  'x-refusals'?: DocumentedRefusal[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema & { $ref?: string } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** JSON Schema validator of the documented answers (OpenAPI 3.0: `nullable` is a keyword of its own). */
const ajv = new Ajv({ strict: false, allErrors: true });
if (!ajv.getKeyword('nullable')) ajv.addKeyword({ keyword: 'nullable' });

/** The documented schema of an answer (its `$ref` into the components resolved), or undefined. */
function answerSchema(doc: Document, op: Operation, status: number): object | undefined {
  const schema = op.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema?.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}

/** Where the state a write would change can be read: the list it adds to, or the record it changes. */
function readBack(doc: Document, method: string, path: string): string | null {
  if (method === 'get') return null;
  if (doc.paths[path]?.get) return path; // PATCH/DELETE /x/{id} → GET /x/{id}; POST /x → GET /x
  return null;
}

/** The part of an answer a refused write must leave as it was: a list's total and items, or the record. */
function stateOf(status: number, body: unknown): string {
  return `${status} ${JSON.stringify(body)}`;
}

const APPS: AppName[] = [...ALL_APPS];
/** Examples per operation and token: small in `npm test`, larger with FUZZ_RUNS (scripts/fuzz.sh). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
/** A failure replays with the seed the run printed: FUZZ_SEED=<seed> npm run fuzz. */
const SEED = Number(process.env.FUZZ_SEED || Date.now() % 2 ** 31);
/** Eight apps start on a loaded machine: as long as one app's start may take (APP_START_TIMEOUT_MS), and more. */
const START_TIMEOUT_MS = Number(process.env.APP_START_TIMEOUT_MS || 240_000) + 120_000;
/** Operations that end the fuzzer's own session or are not JSON: driven elsewhere (auth and upload specs). */
const SKIP = /^(post \/api\/v1\/auth\/(logout|refresh)|post .*\/imports?$|post \/api\/v1\/integrations\/)/;

/**
 * Is a refusal of a schema-valid request one the operation documents? Each problem names a field that a
 * rule of the description (`x-refusals`: `*` for any item or key) covers, with the refusal's status.
 */
function documentedRefusal(op: Operation, status: number, body: unknown): boolean {
  const problems = (body as { problems?: Array<{ field?: string }> } | null)?.problems ?? [];
  const rules = (op['x-refusals'] ?? []).filter((r) => (r.status ?? 400) === status);
  const covers = (rule: string, field: string) => {
    const [r, f] = [rule.split('.'), field.split('.')];
    return r.length <= f.length && r.every((seg, i) => seg === '*' || seg === f[i]);
  };
  if (status !== 400) return rules.length > 0;
  return problems.length > 0 && problems.every((p) => rules.some((r) => covers(r.field, p.field ?? '')));
}

/** The names a refusal may give: the body's properties (every branch), the query and path parameters. */
function documentedFields(op: Operation): Set<string> {
  const names = new Set(['body', 'query', 'param', 'params']);
  const walk = (s: JsonSchema | undefined) => {
    if (!s) return;
    for (const k of Object.keys(s.properties ?? {})) names.add(k);
    for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(branch);
  };
  walk(op.requestBody?.content['application/json']?.schema);
  for (const p of op.parameters ?? []) names.add(p.name);
  return names;
}

interface Finding {
  app: AppName;
  operation: string;
  status: number;
  body: unknown;
  request: unknown;
}

/** The platform as deployed: the residents' public form has an SMS gateway to send its codes through. */
class FuzzPlatform extends Platform {
  readonly sms = new SmsSink();

  override envOf(app: AppName): Record<string, string> {
    const env = super.envOf(app);
    // the fuzzer is one caller sending thousands of requests a minute: the per-caller limit (its own e2e
    // proves it) would answer 429 and hide what the apps answer
    if (app === 'gateway') return { ...env, GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000' };
    if (app !== 'requests') return env;
    return {
      ...env,
      REQUESTS_SMS_GATEWAY_URL: this.sms.url,
      REQUESTS_SMS_APP_KEY: this.sms.appKey,
      REQUESTS_SMS_SECRET: this.sms.secret,
    };
  }

  override async start(names: AppName[]): Promise<this> {
    await this.sms.start();
    return super.start(names);
  }

  override async stop() {
    await super.stop();
    await this.sms.stop();
  }
}

/**
 * The API fuzzer (issue 22): every app's published description drives fast-check through the gateway, with
 * an administrator's token and a town official's. Bodies are schema-valid or valid with one thing wrong; path
 * and query parameters come from their schemas. No answer may be a 5xx, and every 400 is the one refusal
 * shape: a Chinese message and the problems, each naming its field.
 */
describe('API fuzzer through the gateway', () => {
  const platform = new FuzzPlatform();
  let gw: AppProcess;
  const tokens: Record<string, string> = {};
  const docs = {} as Record<AppName, Document>;
  const counts = new Map<AppName, number>();
  const serverErrors: Finding[] = [];
  const badRefusals: Finding[] = [];
  /** 400s naming a field the operation's description does not have (the description is not the contract). */
  const undocumented: Finding[] = [];
  /** answers whose status the operation's description does not list, or whose body breaks its schema */
  const offContract: Finding[] = [];
  /** schema-valid requests refused with a 400 that no rule of the operation's description (x-refusals) covers */
  const validRefused: Finding[] = [];
  /** refused writes after which what the operation writes to (read back by its GET) had changed */
  const changedByRefusal: Finding[] = [];

  beforeAll(async () => {
    await platform.start(APPS);
    gw = platform.apps.gateway;
    const login = async (username: string, password: string) => {
      const r = await gw.post<{ accessToken: string }>(
        '/api/v1/auth/login',
        { username, password },
        { token: null },
      );
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
      return r.body.accessToken;
    };
    tokens.admin = await login(GATEWAY_ADMIN.username, GATEWAY_ADMIN.password);
    const town = { username: 'fuzz-town', password: 'fuzz-town-password' };
    const created = await gw.post(
      '/api/v1/users',
      { ...town, displayName: '乡镇干部', roles: [{ role: 'town-official', unit: '621299101' }] },
      { token: tokens.admin },
    );
    expect(created.status).toBe(201);
    tokens.town = await login(town.username, town.password);
    for (const app of APPS) {
      const r = await platform.apps[app].get<Document>('/api/docs/openapi.json', { token: null });
      expect(r.status).toBe(200);
      docs[app] = r.body;
    }
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    const of = (list: Finding[], app: AppName) => list.filter((f) => f.app === app).length;
    const columns = ['requests', '5xx', 'off-description', 'valid-refused', 'refusal-changed'];
    const rows = APPS.map((a) =>
      [
        a.padEnd(12),
        ...[
          counts.get(a) ?? 0,
          of(serverErrors, a),
          of(offContract, a),
          of(validRefused, a),
          of(changedByRefusal, a),
        ].map((n, i) => String(n).padStart(columns[i].length)),
      ].join(' '),
    );
    console.log(
      `fuzzer (seed ${SEED}, ${RUNS} runs per operation and token; replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}):\n` +
        `  ${'app'.padEnd(12)} ${columns.join(' ')}\n${rows.map((r) => `  ${r}`).join('\n')}\n` +
        `  (off-description: status or body not as documented; valid-refused: schema-valid requests refused ` +
        `without a documented rule; refusal-changed: refused writes that changed state)\n` +
        `  refusals without a field: ${badRefusals.length}, naming an undocumented field: ${undocumented.length}\n` +
        [
          ...serverErrors,
          ...badRefusals,
          ...undocumented,
          ...offContract,
          ...validRefused,
          ...changedByRefusal,
        ]
          .slice(0, 20)
          .map(
            (f) =>
              `  ${f.status} ${f.operation}: ${JSON.stringify(f.request).slice(0, 300)} → ${JSON.stringify(f.body).slice(0, 300)}`,
          )
          .join('\n'),
    );
    // every finding, for a look at more than the first twenty (FUZZ_REPORT=file.json)
    if (process.env.FUZZ_REPORT)
      fs.writeFileSync(
        process.env.FUZZ_REPORT,
        JSON.stringify(
          { serverErrors, badRefusals, undocumented, offContract, validRefused, changedByRefusal },
          null,
          1,
        ),
      );
    await platform.stop();
  }, 60_000);

  function operations(app: AppName) {
    return Object.entries(docs[app].paths)
      .filter(([p]) => p.startsWith('/api/v1/') && !p.includes('{path}'))
      .flatMap(([p, ops]) =>
        Object.entries(ops)
          .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map(([method, op]) => ({ method, path: p, op }))
          .filter(({ method, path }) => !SKIP.test(`${method} ${path}`)),
      );
  }

  function requestArbitrary(op: Operation, path: string, wellFormed: boolean) {
    const params = op.parameters ?? [];
    const pathArb = fc.record(
      Object.fromEntries(
        params.filter((p) => p.in === 'path').map((p) => [p.name, valid(p.schema ?? { type: 'string' })]),
      ),
    );
    const queryArb = fc.record(
      Object.fromEntries(
        params.filter((p) => p.in === 'query').map((p) => [p.name, valid(p.schema ?? { type: 'string' })]),
      ),
      { requiredKeys: params.filter((p) => p.in === 'query' && p.required).map((p) => p.name) },
    );
    const schema = op.requestBody?.content['application/json']?.schema;
    const bodyOf = (s: JsonSchema | undefined) =>
      op.requestBody ? (wellFormed ? valid(s) : mutated(s)) : fc.constant(undefined);
    // a body chosen by a path parameter (x-chosen-by): the branch titled with the value the path holds
    const chosenBy = (schema as { 'x-chosen-by'?: { name: string } } | undefined)?.['x-chosen-by']?.name;
    const branchFor = (pathParams: Record<string, unknown>) =>
      chosenBy
        ? (schema?.oneOf ?? []).find((b) => (b as { title?: string }).title === pathParams[chosenBy])
        : schema;
    return fc
      .record({ pathParams: pathArb, query: queryArb })
      .chain(({ pathParams, query }) => {
        const branch = branchFor(pathParams);
        // a body the path's choice takes none of (`not: {}`): nothing sent can be schema-valid
        const none = !!branch?.not && Object.keys(branch.not).length === 0;
        return bodyOf(branch).map((body) => ({ pathParams, query, body, schemaValid: wellFormed && !none }));
      })
      .map(({ pathParams, query, body, schemaValid }) => {
        const url = path.replace(/\{(\w+)\}/g, (_, k: string) =>
          encodeURIComponent(String(pathParams[k] ?? 'x')),
        );
        // OpenAPI's default for a query array (form, exploded): `?ids=a&ids=b`
        const qs = new URLSearchParams(
          Object.entries(query).flatMap(([k, v]): [string, string][] =>
            Array.isArray(v)
              ? v.filter((x) => x !== null && typeof x !== 'object').map((x) => [k, String(x)])
              : v !== undefined && v !== null && typeof v !== 'object'
                ? [[k, String(v)]]
                : [],
          ),
        ).toString();
        return { url: qs ? `${url}?${qs}` : url, body, schemaValid };
      });
  }

  it.each(APPS)(
    '%s: no 5xx, every answer as documented (status, body), every 400 names its field, schema-valid requests accepted or refused by a documented rule, refusals change nothing',
    async (app) => {
      for (const { method, path, op } of operations(app)) {
        for (const who of ['admin', 'town'] as const) {
          for (const wellFormed of [true, false]) {
            await fc.assert(
              fc.asyncProperty(requestArbitrary(op, path, wellFormed), async ({ url, body, schemaValid }) => {
                // what a write would change, read before and after it (admin: sees everything)
                const readUrl = readBack(docs[app], method, path) ? url.split('?')[0] : null;
                const read = async () => {
                  if (!readUrl) return null;
                  const r = await gw.get(readUrl, { token: tokens.admin });
                  return stateOf(r.status, r.body);
                };
                const before = await read();
                const res = await gw.request(method.toUpperCase(), url, body, { token: tokens[who] });
                counts.set(app, (counts.get(app) ?? 0) + 1);
                const finding = {
                  app,
                  operation: `${method} ${path} (${who})`,
                  status: res.status,
                  body: res.body,
                  request: { url, body },
                };
                if (res.status >= 500) serverErrors.push(finding);
                // the status is one the description lists for this operation, and the body is as documented
                if (!op.responses?.[String(res.status)])
                  offContract.push({ ...finding, body: { undocumentedStatus: res.status, body: res.body } });
                else {
                  const schema = answerSchema(docs[app], op, res.status);
                  if (schema && !ajv.validate(schema, res.body))
                    offContract.push({ ...finding, body: { schemaErrors: ajv.errors, body: res.body } });
                }
                // a schema-valid request is accepted, or refused by a rule its description documents
                if (schemaValid && res.status === 400 && !documentedRefusal(op, res.status, res.body))
                  validRefused.push(finding);
                // a refusal changes nothing: what the write would have changed reads the same afterwards
                if (res.status >= 400 && readUrl) {
                  const after = await read();
                  if (after !== before)
                    changedByRefusal.push({ ...finding, body: { before, after, answer: res.body } });
                }
                if (res.status === 400) {
                  const b = res.body as {
                    message?: string;
                    problems?: Array<{ field?: string; reason?: string }>;
                  };
                  const named =
                    /[\u4e00-\u9fff]/.test(b?.message ?? '') &&
                    (b?.problems?.length ?? 0) > 0 &&
                    b.problems!.every((p) => typeof p.field === 'string' && p.field.length > 0 && !!p.reason);
                  if (!named) badRefusals.push(finding);
                  // a documented field, or a key the request itself sent that the schema does not allow
                  const fields = documentedFields(op);
                  if (body && typeof body === 'object') for (const k of Object.keys(body)) fields.add(k);
                  const known = (field: string) => fields.has(field) || fields.has(field.split(/[.[]/)[0]);
                  if (named && b.problems!.some((p) => !known(p.field!))) undocumented.push(finding);
                }
                return true;
              }),
              { numRuns: RUNS, seed: SEED, endOnFailure: true },
            );
          }
        }
      }
      expect(serverErrors.filter((f) => f.app === app)).toEqual([]);
      expect(badRefusals.filter((f) => f.app === app)).toEqual([]);
      expect(undocumented.filter((f) => f.app === app)).toEqual([]);
      expect(offContract.filter((f) => f.app === app)).toEqual([]);
      expect(validRefused.filter((f) => f.app === app)).toEqual([]);
      expect(changedByRefusal.filter((f) => f.app === app)).toEqual([]);
    },
    600_000,
  );

  it.each(APPS)('%s: a method the description does not declare answers 405 with Allow', async (app) => {
    // fetch refuses TRACE: a plain HTTP request, to the app itself and through the gateway
    const send = (url: string, method: string, token: string) =>
      new Promise<{ status: number; allow: string; body: unknown }>((resolve, reject) => {
        const req = http.request(url, { method, headers: { authorization: `Bearer ${token}` } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              allow: String(res.headers.allow ?? ''),
              body: JSON.parse(text || 'null'),
            }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    const [path, ops] = Object.entries(docs[app].paths).find(
      ([p]) => p.startsWith('/api/v1/') && !p.includes('{'),
    )!;
    const declared = Object.keys(ops).map((m) => m.toUpperCase());
    for (const base of [platform.apps[app].url, gw.url])
      for (const method of ['TRACE', ...['PUT', 'DELETE'].filter((m) => !declared.includes(m))].slice(0, 2)) {
        const r = await send(`${base}${path}`, method, tokens.admin);
        expect({ method, url: `${base}${path}`, status: r.status }).toEqual({
          method,
          url: `${base}${path}`,
          status: 405,
        });
        for (const m of declared) expect(r.allow).toContain(m);
        expect(ajv.validate(docs[app].components!.schemas!.ErrorBody, r.body)).toBe(true);
      }
  });

  it('the gateway describes no path with an undefined parameter', () => {
    for (const [path, ops] of Object.entries(docs.gateway.paths))
      for (const op of Object.values(ops))
        for (const [, name] of path.matchAll(/\{(\w+)\}/g))
          expect({
            path,
            name,
            declared: (op.parameters ?? []).some((p) => p.in === 'path' && p.name === name),
          }).toEqual({ path, name, declared: true });
  });

  it.each(APPS)('%s: every route the app serves is in its description', (app) => {
    // what Nest mapped, as the app logged it at start (RouterExplorer), against the published paths
    const served = fs
      .readFileSync(platform.apps[app].logFile, 'utf8')
      .split('\n')
      .flatMap((l) => [...l.matchAll(/Mapped \{(\/api\/v1\/[^,]*), (\w+)\} route/g)])
      .map(([, p, m]) => `${m.toLowerCase()} ${p.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(0);
    const documented = new Set(
      Object.entries(docs[app].paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
    );
    // the gateway's catch-all proxy route serves the apps' documented operations, not one of its own
    expect(served.filter((r) => !documented.has(r) && !r.includes('*path'))).toEqual([]);
  });
});
