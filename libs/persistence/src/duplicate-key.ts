/** MongoDB's (and FerretDB's) error code for a write that breaks a unique index, `_id` included. */
export const DUPLICATE_KEY = 11000;

interface WriteErrorLike {
  index?: number;
  code?: number;
  err?: { code?: number };
}

interface DriverErrorLike {
  code?: number;
  writeErrors?: WriteErrorLike | WriteErrorLike[];
}

const codeOf = (w: WriteErrorLike) => w.code ?? w.err?.code;

/** The individual write errors of a bulk write error (the driver gives one or a list), else []. */
export function writeErrorsOf(e: unknown): WriteErrorLike[] {
  const list = (e as DriverErrorLike | null)?.writeErrors;
  if (list === undefined || list === null) return [];
  return Array.isArray(list) ? list : [list];
}

/**
 * THE duplicate-key test: true when the write failed only because documents with the same unique
 * key exist already — a single write's error 11000, or a bulk write (MongoBulkWriteError) whose
 * every write error is 11000. Any other failure in a batch makes it false: the caller must not take
 * a lost write for a duplicate.
 */
export function isDuplicateKeyError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const errors = writeErrorsOf(e);
  if (errors.length > 0) return errors.every((w) => codeOf(w) === DUPLICATE_KEY);
  return (e as DriverErrorLike).code === DUPLICATE_KEY;
}
