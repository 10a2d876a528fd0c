/**
 * Runs start-up steps one after another across the app's providers. Nest calls onModuleInit hooks of one
 * module concurrently, and FerretDB 1.24 can hang when several collections of a new database get their
 * first index at the same moment.
 */
let chain: Promise<unknown> = Promise.resolve();

export function serially<T>(step: () => Promise<T>): Promise<T> {
  const next = chain.then(step);
  chain = next.catch(() => undefined);
  return next;
}
