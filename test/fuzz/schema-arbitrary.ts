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
  not?: JsonSchema;
  default?: unknown;
  uniqueItems?: boolean;
  propertyNames?: JsonSchema;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
}

/** What `$ref`s point into (a body's own `definitions`, e.g. the rule language's recursive condition). */
type Definitions = Record<string, JsonSchema>;

/** A property that may only be absent (zod's never: `{ not: {} }`). */
const forbidden = (s: JsonSchema) => s.not !== undefined && Object.keys(s.not).length === 0;

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
      // zod's own address rule is stricter than RFC 5322's: the description keeps its pattern
      return fc.emailAddress().filter((e) => !s.pattern || new RegExp(s.pattern).test(e));
    case 'uri':
      return fc.webUrl();
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
  const maxLength = Math.max(minLength, cap(s.maxLength, 24, 64));
  // lengths as JavaScript (and zod) count them, in UTF-16 units; the apps trim before they count
  return fc
    .string({ minLength, maxLength, unit: 'grapheme' })
    .filter((v) => v.length >= minLength && v.length <= maxLength && v.trim() === v);
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  // OpenAPI 3.0 says an exclusive bound as `minimum` with `exclusiveMinimum: true` (zod's .positive())
  const exMin =
    typeof s.exclusiveMinimum === 'number'
      ? s.exclusiveMinimum
      : s.exclusiveMinimum === true
        ? s.minimum
        : undefined;
  const exMax =
    typeof s.exclusiveMaximum === 'number'
      ? s.exclusiveMaximum
      : s.exclusiveMaximum === true
        ? s.maximum
        : undefined;
  const min = exMin !== undefined ? exMin + (integer ? 1 : 1e-6) : (s.minimum ?? -1e9);
  const max = exMax !== undefined ? exMax - (integer ? 1 : 1e-6) : (s.maximum ?? 1e9);
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

/** JSON whose keys are all ones the schema's `propertyNames` allow (the validation refuses `$` and dots). */
function jsonWithKeys(keys: fc.Arbitrary<string>, maxDepth: number): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  );
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      scalar,
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
    ),
  })).value;
}

/** Keys of a free-form map: those its `propertyNames` allow. */
function keysOf(s: JsonSchema): fc.Arbitrary<string> {
  if (s.propertyNames?.enum) return fc.constantFrom(...(s.propertyNames.enum as string[]));
  if (s.propertyNames) return stringOf(s.propertyNames);
  return fc.string();
}

/** Values the schema accepts (as far as JSON Schema can say: cross-field rules are the server's). */
export function valid(
  s: JsonSchema | undefined,
  depth = 0,
  definitions: Definitions = {},
): fc.Arbitrary<unknown> {
  // deep enough for a GeoJSON polygon's coordinates (body → boundary → coordinates → ring → point → number)
  if (!s || depth > 10) return fc.constant(null);
  const defs = s.definitions ? { ...definitions, ...s.definitions } : definitions;
  const next = (x: JsonSchema | undefined) => valid(x, depth + 1, defs);
  if (s.$ref) return next(defs[s.$ref.replace(/^#\/(definitions|components\/schemas)\//, '')]);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) {
    // a recursive schema (a rule's condition) ends in the alternatives that do not recurse
    const ending = alternatives.filter((a) => !JSON.stringify(a).includes('"$ref"'));
    const chosen = depth > 3 && ending.length ? ending : alternatives;
    return fc.oneof(...chosen.map(next));
  }
  if (s.allOf?.length) return next(Object.assign({}, ...s.allOf) as JsonSchema);
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
        const constraints = { minLength, maxLength: Math.max(minLength, cap(s.maxItems, 3, 5)) };
        return s.uniqueItems
          ? fc.uniqueArray(next(s.items), { ...constraints, selector: (v) => JSON.stringify(v) })
          : fc.array(next(s.items), constraints);
      }
      case 'object':
      case undefined: {
        if (!s.properties) {
          if (type !== 'object') return jsonWithKeys(keysOf(s), 3);
          const values =
            s.additionalProperties && typeof s.additionalProperties === 'object'
              ? next(s.additionalProperties)
              : jsonWithKeys(keysOf(s), 2);
          return fc.dictionary(keysOf(s), values, { maxKeys: 4 });
        }
        const required = new Set(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(s.properties)) if (!forbidden(v)) record[k] = next(v);
        return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
      }
      default:
        return jsonWithKeys(keysOf(s), 3);
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
