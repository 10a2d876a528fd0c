import { createEvent, SessionRevokedV1 } from '@lib/contracts';
import { OUTBOX, OUTBOX_PENDING } from '@lib/messaging';
import { updateWithEvents, withEvents } from './store';

const event = (id: string) =>
  createEvent({
    type: SessionRevokedV1.type,
    source: 'test',
    id,
    subject: 'u1',
    data: {
      jti: id,
      userId: 'u1',
      sessionId: 's1',
      expiresAt: '2030-01-01T00:00:00.000Z',
      reason: 'logout',
      revokedAt: '2029-01-01T00:00:00.000Z',
    } satisfies SessionRevokedV1['data'],
  });

describe('writes that carry their events', () => {
  it('puts a new document’s events in its outbox, marked pending; nothing when there are none', () => {
    const doc = withEvents({ _id: 'a', n: 1 }, [event('e1')]);
    expect(doc).toMatchObject({ _id: 'a', n: 1, [OUTBOX_PENDING]: true });
    expect((doc as Record<string, unknown>)[OUTBOX]).toEqual([expect.objectContaining({ id: 'e1' })]);
    expect(withEvents({ _id: 'a' })).toEqual({ _id: 'a' });
  });

  it('merges the outbox push and flag into the update’s own $set and $push', () => {
    const u = updateWithEvents<{ _id: string; n: number; tags: string[] }>(
      { $set: { n: 2 }, $push: { tags: 'x' }, $inc: { n: 1 } },
      [event('e1'), event('e2')],
    ) as Record<string, Record<string, unknown>>;
    expect(u.$set).toEqual({ n: 2, [OUTBOX_PENDING]: true });
    expect(u.$inc).toEqual({ n: 1 });
    expect(u.$push.tags).toBe('x');
    expect((u.$push[OUTBOX] as { $each: { id: string }[] }).$each.map((r) => r.id)).toEqual(['e1', 'e2']);
    const plain = { $set: { n: 3 } };
    expect(updateWithEvents(plain, [])).toBe(plain);
  });
});
