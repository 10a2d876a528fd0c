/** A stored document as the API shows it: `_id` named `id`. */
export function present<T extends { _id: string }>(doc: T) {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}
