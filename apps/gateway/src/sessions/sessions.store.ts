import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { RefreshToken } from './refresh-token.schema';
import { Store } from '@lib/persistence';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class SessionsStore {
  private readonly store: Store<RefreshToken>;

  constructor(@InjectModel(RefreshToken.name) private readonly model: Model<RefreshToken>) {
    this.store = Store.of(model);
  }

  /** A new refresh token (of a new family unless one is given); returns the token itself, once. */
  async issue(userId: string, ttlSeconds: number, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.store.insert({
      _id: digest(token),
      userId,
      familyId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      revokedAt: null,
    });
    return token;
  }

  /**
   * Spends a refresh token (single-document atomic update: two concurrent uses cannot both win).
   * A token that was already spent or revoked revokes its family: someone replayed it.
   */
  async spend(token: string): Promise<RefreshToken | null> {
    const now = new Date();
    const spent = await this.model
      .findOneAndUpdate(
        { _id: digest(token), revokedAt: null, expiresAt: { $gt: now } },
        { $set: { revokedAt: now } },
      )
      .lean<RefreshToken>()
      .exec();
    if (spent) return spent;
    const known = await this.model
      .findOne({ _id: digest(token) })
      .lean<RefreshToken>()
      .exec();
    if (known) await this.revokeFamily(known.familyId);
    return null;
  }

  /** Revokes the session (refresh-token family) of a token; returns whose it was and which one. */
  async revokeFamilyOf(token: string): Promise<{ userId: string; familyId: string } | null> {
    const known = await this.model
      .findOne({ _id: digest(token) })
      .lean<RefreshToken>()
      .exec();
    if (!known) return null;
    await this.revokeFamily(known.familyId);
    return { userId: known.userId, familyId: known.familyId };
  }

  private async revokeFamily(familyId: string) {
    await this.model.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  }

  async revokeAllOf(userId: string) {
    await this.model.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  }
}
