import * as fs from 'node:fs';
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
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const APPS: AppName[] = [...ALL_APPS];
/** Examples per operation and token: small in `npm test`, larger with FUZZ_RUNS (scripts/fuzz.sh). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Operations that end the fuzzer's own session or are not JSON: driven elsewhere (auth and upload specs). */
const SKIP = /^(post \/api\/v1\/auth\/(logout|refresh)|post .*\/imports?$|post \/api\/v1\/integrations\/)/;

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
  }, 300_000);

  afterAll(async () => {
    const lines = APPS.map((a) => `  ${a.padEnd(12)} ${counts.get(a) ?? 0} requests`);
    console.log(
      `fuzzer (seed ${SEED}, ${RUNS} runs per operation and token):\n${lines.join('\n')}\n` +
        `  5xx: ${serverErrors.length}, refusals without a field: ${badRefusals.length}, ` +
        `refusals naming an undocumented field: ${undocumented.length}\n` +
        [...serverErrors, ...badRefusals, ...undocumented]
          .slice(0, 20)
          .map(
            (f) =>
              `  ${f.status} ${f.operation}: ${JSON.stringify(f.request).slice(0, 300)} → ${JSON.stringify(f.body).slice(0, 300)}`,
          )
          .join('\n'),
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
    const bodyArb = op.requestBody ? (wellFormed ? valid(schema) : mutated(schema)) : fc.constant(undefined);
    return fc
      .record({ pathParams: pathArb, query: queryArb, body: bodyArb })
      .map(({ pathParams, query, body }) => {
        const url = path.replace(/\{(\w+)\}/g, (_, k: string) =>
          encodeURIComponent(String(pathParams[k] ?? 'x')),
        );
        const qs = new URLSearchParams(
          Object.entries(query)
            .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
            .map(([k, v]): [string, string] => [k, String(v)]),
        ).toString();
        return { url: qs ? `${url}?${qs}` : url, body };
      });
  }

  it.each(APPS)(
    '%s: no 5xx, every 400 names its field',
    async (app) => {
      for (const { method, path, op } of operations(app)) {
        for (const who of ['admin', 'town'] as const) {
          for (const wellFormed of [true, false]) {
            await fc.assert(
              fc.asyncProperty(requestArbitrary(op, path, wellFormed), async ({ url, body }) => {
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
    },
    600_000,
  );

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
