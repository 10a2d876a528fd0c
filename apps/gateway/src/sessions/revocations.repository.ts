import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createEvent, SessionRevokedV1 } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { RevokedToken } from './revoked-token.schema';

/** Revocations of access tokens and their session.revoked.v1 events (through the outbox). */
@Injectable()
export class RevocationsRepository implements OnModuleInit {
  constructor(
    @InjectModel(RevokedToken.name) private readonly model: Model<RevokedToken>,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit() {
    this.relay.register(this.model.collection);
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
    try {
      await this.model.collection.insertOne({ ...r, ...outboxOnInsert([event]) } as never);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return;
      throw e;
    }
    this.relay.kick();
  }
}
