import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessChangeReason, UserAccessChanges } from '../../users/user-access-changes';
import { SessionsStore } from '../sessions.store';
import { Revoker } from './revoke-tokens.usecase';

/**
 * A user disabled or given other roles: their sessions (refresh-token families) end, and the access
 * tokens they hold are revoked at the gateway and in every app. Listens to users' UserAccessChanges.
 */
@Injectable()
export class EndUserSessions implements OnModuleInit {
  constructor(
    private readonly access: UserAccessChanges,
    private readonly sessions: SessionsStore,
    private readonly revoker: Revoker,
  ) {}

  onModuleInit() {
    this.access.subscribe((userId, reason) => this.execute(userId, reason));
  }

  async execute(userId: string, reason: AccessChangeReason): Promise<void> {
    await this.sessions.revokeAllOf(userId);
    // and the access tokens they hold, at the gateway and in every app
    await this.revoker.user(userId, reason);
  }
}
