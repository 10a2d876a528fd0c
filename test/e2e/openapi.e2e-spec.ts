import { ALL_APPS, AppName } from '@lib/testing';
import { aHousehold, Platform } from './platform';

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: {
    content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }>;
  };
  security?: unknown[];
  description?: string;
}
interface Document {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
}

const APPS: AppName[] = [...ALL_APPS];

/** Every app serves its API documentation, generated from its routes and validation schemas. */
describe('OpenAPI documentation served by every app', () => {
  const platform = new Platform();
  const docs = {} as Record<AppName, Document>;

  beforeAll(async () => {
    await platform.start(APPS);
    for (const name of APPS) {
      const res = await platform.apps[name].get<Document>('/api/docs/openapi.json', { token: null });
      expect(res.status).toBe(200);
      docs[name] = res.body;
    }
  }, 120_000);
  afterAll(() => platform.stop());

  it('each app documents its /api/v1 routes as OpenAPI 3, with the roles each needs and a bearer token', () => {
    for (const name of APPS) {
      const doc = docs[name];
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe(`${name} API`);
      const operations = Object.entries(doc.paths)
        .filter(([p]) => p.startsWith('/api/v1/'))
        .flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ p, method, op })));
      expect(operations.length).toBeGreaterThan(0);
      for (const { p, method, op } of operations) {
        const open = op.description?.startsWith('公开接口');
        if (!open) {
          expect({ route: `${method} ${p}`, security: op.security }).toEqual({
            route: `${method} ${p}`,
            security: [{ bearer: [] }],
          });
          expect(op.description).toMatch(/需要角色 \(roles\): \w+/);
        }
      }
    }
  });

  it('request bodies and query parameters come from the zod schemas the app validates with', () => {
    const survey = docs.monitoring.paths['/api/v1/surveys'];
    const body = survey.post.requestBody?.content['application/json'].schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(
      expect.arrayContaining(['householdId', 'month', 'visitor', 'income', 'residentMembers']),
    );
    expect(body?.required).toEqual(expect.arrayContaining(['householdId', 'month', 'visitor']));
    const query = survey.get.parameters?.filter((q) => q.in === 'query').map((q) => q.name);
    expect(query).toEqual(expect.arrayContaining(['page', 'pageSize']));
    const household =
      docs.households.paths['/api/v1/households'].post.requestBody?.content['application/json'].schema;
    expect(Object.keys(household?.properties ?? {})).toEqual(
      expect.arrayContaining(['householdNumber', 'villageCode', 'members']),
    );
  });

  it('money fields declare their minimums, and a negative income is refused naming its field', async () => {
    type Schema = {
      properties?: Record<string, Schema>;
      minimum?: number;
      exclusiveMinimum?: number | boolean;
    };
    const household = docs.households.paths['/api/v1/households'].post.requestBody?.content[
      'application/json'
    ].schema as Schema;
    const income = household.properties?.income?.properties ?? {};
    for (const field of ['perCapitaNet', 'wage', 'property', 'transfer'])
      expect({ field, minimum: income[field]?.minimum }).toEqual({ field, minimum: 0 });

    for (const field of ['perCapitaNet', 'property']) {
      const res = await platform.apps.households.post<{ problems: { field: string; reason: string }[] }>(
        '/api/v1/households',
        aHousehold(`HH-NEG-${field}`, {
          income: { perCapitaNet: 100, wage: 0, business: 0, property: 0, transfer: 0, [field]: -1 },
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.problems).toContainEqual({ field: `income.${field}`, reason: '不能为负数' });
    }
    const list = await platform.apps.households.get<{ items: { householdNumber: string }[] }>(
      '/api/v1/households?pageSize=500',
    );
    expect(list.body.items.filter((h) => h.householdNumber.startsWith('HH-NEG-'))).toEqual([]);
  });

  it('serves a Swagger UI page to read them in a browser', async () => {
    const res = await fetch(`${platform.apps.monitoring.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });
});
