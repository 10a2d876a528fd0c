import { z } from 'zod';

/**
 * Rules of a request the JSON Schema of its zod schema cannot say (issue 22), written next to the
 * validation that enforces them and carried into the API descriptions as `x-refusals`, so the
 * description and the validation cannot drift: the API fuzzer matches every refusal of a schema-valid
 * request against them (the field a problem names, and its status).
 *
 * A `.refine(check, message)` documents itself (its message, at its path); a `.superRefine(...)` adds
 * issues the description cannot read, so the schema says its rules with `refuses(...)`.
 */
export const REFUSALS_EXTENSION = 'x-refusals';
/** The record a field names (a household, a team, an org unit): a name that matches none is refused. */
export const REFERENCES_EXTENSION = 'x-references';

export interface DocumentedRefusal {
  /** the field the refusal's problem names, relative to the schema it is declared on ('' = the schema itself) */
  field: string;
  /** the rule, as a person reads it (Chinese first) */
  rule: string;
  /** the status of the refusal (400 unless said) */
  status?: number;
}

function metaOf(schema: z.ZodType): Record<string, unknown> {
  return (z.globalRegistry.get(schema) as Record<string, unknown> | undefined) ?? {};
}

/** The schema with its rules documented (added to any it already documents). */
export function refuses<T extends z.ZodType>(schema: T, ...rules: DocumentedRefusal[]): T {
  const meta = metaOf(schema);
  const known = (meta[REFUSALS_EXTENSION] as DocumentedRefusal[] | undefined) ?? [];
  return schema.meta({ ...meta, [REFUSALS_EXTENSION]: [...known, ...rules] }) as T;
}

/**
 * A field that names a record: one that does not exist, or is not in the caller's scope, is refused
 * with `status` (404 unless said; some apps answer 400 naming the field). The descriptions derive the
 * refusal from this marker, on every operation whose input holds the field.
 */
export function references<T extends z.ZodType>(schema: T, record: string, status = 404): T {
  return schema.meta({ ...metaOf(schema), [REFERENCES_EXTENSION]: { record, status } }) as T;
}

/** The metadata of `refuses`, for the end of a chain: `z.object(…).superRefine(…).meta(refusals(…))`. */
export function refusals(...rules: DocumentedRefusal[]): Record<string, unknown> {
  return { [REFUSALS_EXTENSION]: rules };
}
