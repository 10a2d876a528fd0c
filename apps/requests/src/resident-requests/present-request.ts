import { ResidentRequest } from './resident-request.schema';

/** What a caller sees of a request: the phone masked, nothing of the storage (seal, hash, outbox). */
export function presentRequest(r: ResidentRequest, now = new Date()) {
  const {
    _id,
    phoneSealed: _sealed,
    phoneHash: _hash,
    assigneeUserId: _assignee,
    ...shown
  } = r as ResidentRequest & Record<string, unknown>;
  for (const k of Object.keys(shown)) if (k.startsWith('_')) delete shown[k];
  return {
    id: _id,
    ...shown,
    /** Open and past its deadline now. */
    overdue: r.open && now.getTime() > new Date(r.dueAt).getTime(),
  };
}
