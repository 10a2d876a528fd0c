import fc from 'fast-check';

/** The part of OpenAPI 3.0's JSON Schema the apps' descriptions use (zod's z.toJSONSchema output). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  multipleOf?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

const cap = (n: number | undefined, fallback: number, max: number) => Math.min(n ?? fallback, max);

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
  }
  if (s.pattern) {
    try {
      const re = new RegExp(s.pattern);
      return fc
        .stringMatching(re)
        .filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 10_000));
    } catch {
      /* a pattern JavaScript cannot read: any string */
    }
  }
  const minLength = s.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, cap(s.maxLength, 24, 64)), unit: 'grapheme' });
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  const min = s.minimum ?? (exMin !== undefined ? exMin + (integer ? 1 : 1e-6) : -1e9);
  const max = s.maximum ?? (exMax !== undefined ? exMax - (integer ? 1 : 1e-6) : 1e9);
  if (s.multipleOf) {
    // e.g. money: 0.01 → whole fen, written with at most its decimals
    const step = s.multipleOf;
    const places = (String(step).split('.')[1] ?? '').length;
    const lo = Math.ceil(Math.max(min, -1e9) / step);
    const hi = Math.floor(Math.min(max, 1e9) / step);
    return fc.integer({ min: lo, max: Math.max(lo, hi) }).map((k) => Number((k * step).toFixed(places)));
  }
  if (integer)
    return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts (as far as JSON Schema can say: cross-field rules are the server's). */
export function valid(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  // deep enough for a GeoJSON polygon's coordinates (body → boundary → coordinates → ring → point → number)
  if (!s || depth > 10) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valid(a, depth + 1)));
  if (s.allOf?.length) return valid(Object.assign({}, ...s.allOf) as JsonSchema, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return stringOf(s);
      case 'integer':
        return numberOf(s, true);
      case 'number':
        return numberOf(s, false);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const minLength = s.minItems ?? 0;
        return fc.array(valid(s.items, depth + 1), {
          minLength,
          maxLength: Math.max(minLength, cap(s.maxItems, 3, 5)),
        });
      }
      case 'object':
      case undefined: {
        if (!s.properties)
          return type === 'object' ? fc.dictionary(fc.string(), fc.jsonValue()) : fc.jsonValue();
        const required = new Set(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(s.properties)) record[k] = valid(v, depth + 1);
        return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
      }
      default:
        return fc.jsonValue();
    }
  })();
  return s.nullable || (Array.isArray(s.type) && s.type.includes('null'))
    ? fc.option(base, { nil: null })
    : base;
}

/** A valid value with one thing wrong: a field dropped, of the wrong type, or out of its range; or any JSON at all. */
export function mutated(s: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const hostile = fc.oneof(
    fc.constant(null),
    fc.constant(-1),
    fc.constant(-1e308),
    fc.constant(''),
    fc.constant('\u0000'),
    fc.constant('x'.repeat(5_000)),
    fc.constant({ $gt: '' }),
    fc.constant([]),
    fc.jsonValue({ maxDepth: 3 }),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    {
      weight: 4,
      arbitrary: fc.tuple(valid(s), fc.nat(), hostile, fc.boolean()).map(([v, pick, bad, drop]) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad;
        const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
        const keys = Object.keys(copy);
        if (keys.length === 0) return { unexpected: bad };
        const key = keys[pick % keys.length];
        if (drop) delete copy[key];
        else copy[key] = bad;
        return copy;
      }),
    },
  );
}
