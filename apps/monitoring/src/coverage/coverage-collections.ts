/** 走访覆盖's entries' own collection (coverage.schema.ts), in use until a replay rebuilt them. */
export const COVERAGE_HOUSEHOLDS = 'coverage_households';

/**
 * The collection of coverage's marks beside its entries' (`coverage_households[_r<time>]` →
 * `coverage_marks[_r<time>]`): the pointer names the entries' collection, so one write switches both.
 */
export function marksCollectionOf(householdsCollection: string): string {
  return householdsCollection.replace(/^coverage_households/, 'coverage_marks');
}
