import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { DUPLICATE_KEY, isDuplicateKeyError } from './duplicate-key';

const serverError = (code: number) => new MongoServerError({ code, errmsg: `E${code}` });
const bulkError = (codes: number[]) =>
  new MongoBulkWriteError(
    {
      message: 'bulk',
      code: codes[0],
      writeErrors: codes.map((code, index) => ({ index, code, errmsg: `E${code}` }) as never),
    },
    {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      deletedCount: 0,
      upsertedCount: 0,
      upsertedIds: {},
      insertedIds: {},
    } as never,
  );

describe('isDuplicateKeyError', () => {
  it('is true for a single write refused by a unique index', () => {
    expect(isDuplicateKeyError(serverError(DUPLICATE_KEY))).toBe(true);
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
  });

  it('is false for other errors and non-errors', () => {
    expect(isDuplicateKeyError(serverError(121))).toBe(false);
    expect(isDuplicateKeyError(new Error('network'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
    expect(isDuplicateKeyError('11000')).toBe(false);
  });

  it('is true for a bulk write whose every write error is a duplicate', () => {
    expect(isDuplicateKeyError(bulkError([11000, 11000]))).toBe(true);
  });

  it('is false for a bulk write with any other write error, even if the first was a duplicate', () => {
    expect(isDuplicateKeyError(bulkError([11000, 121]))).toBe(false);
  });

  it('reads the code from a write error nested in err (older driver shape) and a single write error', () => {
    expect(isDuplicateKeyError({ writeErrors: [{ err: { code: 11000 } }] })).toBe(true);
    expect(isDuplicateKeyError({ code: 65, writeErrors: { code: 11000 } })).toBe(true);
    expect(isDuplicateKeyError({ code: 11000, writeErrors: [{ code: 2 }] })).toBe(false);
  });
});
