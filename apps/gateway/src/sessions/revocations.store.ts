import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createEvent, SessionRevokedV1 } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Store } from '@lib/persistence';
import { RevokedToken } from './revoked-token.schema';

/** Revocations of access tokens and their session.revoked.v1 events (through the outbox). */
@Injectable()
export class RevocationsStore {
  private readonly store: Store<RevokedToken>;

  constructor(@InjectModel(RevokedToken.name) model: Model<RevokedToken>, relay: OutboxRelay) {
    this.store = Store.of(model, { relay });
  }

  /**
   * Records the revocation and its event in one write. The same revocation twice (signing out twice
   * with one token: the id is the token's) is one: the first one's event stands, none is sent twice.
   */
  async record(r: RevokedToken): Promise<void> {
    const event = createEvent({
      type: SessionRevokedV1.type,
      source: 'gateway',
      id: `session-revoked:${r._id}`,
      subject: r.userId,
      time: r.revokedAt,
      data: {
        jti: r.jti,
        userId: r.userId,
        sessionId: r.sessionId,
        expiresAt: r.expiresAt.toISOString(),
        reason: r.reason,
        revokedAt: r.revokedAt.toISOString(),
      } satisfies SessionRevokedV1['data'],
    });
    await this.store.insertNew(r, [event]);
  }
}
