import { z } from 'zod';
import { Yuan, yuan } from './domain';
import { references, refusals, refuses, REFERENCES_EXTENSION, REFUSALS_EXTENSION } from './refusals';

describe('rules a schema documents for the API descriptions', () => {
  it('carries refuses()/refusals() and references() into the JSON Schema, next to the validation', () => {
    const Body = refuses(
      z.object({
        householdId: references(z.string().uuid(), 'household'),
        endsOn: z.string().meta(refusals({ field: '', rule: '不能早于开始' })),
      }),
      { field: 'endsOn', rule: '不能早于 startsOn' },
    );
    type Node = Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };
    const json = z.toJSONSchema(Body, { target: 'openapi-3.0', io: 'input' }) as unknown as Node;
    expect(json[REFUSALS_EXTENSION]).toEqual([{ field: 'endsOn', rule: '不能早于 startsOn' }]);
    expect(json.properties.householdId[REFERENCES_EXTENSION]).toEqual({
      record: 'household',
      status: 404,
    });
    expect(json.properties.endsOn[REFUSALS_EXTENSION]).toEqual([{ field: '', rule: '不能早于开始' }]);
    // still the same validation
    expect(Body.safeParse({ householdId: 'x', endsOn: '2026-01-01' }).success).toBe(false);
  });

  it('takes money with two decimals at any size the descriptions allow, and nothing finer', () => {
    for (const v of [0.07, 0.1 + 0.2, 1234567890.12, 999999999.99])
      expect(Yuan.safeParse(v).success).toBe(true);
    for (const v of [12.345, 1000000000.005]) expect(yuan({ min: 0 }).safeParse(v).success).toBe(false);
  });
});
