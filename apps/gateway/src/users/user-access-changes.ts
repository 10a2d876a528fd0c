import { Injectable } from '@nestjs/common';

/** Why a user's access changed (the reason a revocation records). */
export type AccessChangeReason = 'user-disabled' | 'roles-changed';
export type AccessChangeListener = (userId: string, reason: AccessChangeReason) => Promise<void>;

/**
 * A user disabled or given other roles must lose the access they hold at once. Users announce it here;
 * the features built on users (sessions: refresh tokens and access tokens) subscribe when they start, so
 * users never import them. `changed` resolves once every listener has done its part.
 */
@Injectable()
export class UserAccessChanges {
  private readonly listeners: AccessChangeListener[] = [];

  subscribe(listener: AccessChangeListener) {
    this.listeners.push(listener);
  }

  async changed(userId: string, reason: AccessChangeReason): Promise<void> {
    for (const listener of this.listeners) await listener(userId, reason);
  }
}
