import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { hashPassword } from './domain/passwords';
import { scopeCodesOf, UsersStore } from './users.store';

const DISPLAY_NAME = '县级管理员';
const LEGACY_DISPLAY_NAME = '县级管理员 (county administrator)';

/** First install and demo: creates the configured county administrator if no user has that name. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly users: UsersStore,
  ) {}

  async onApplicationBootstrap() {
    const c = this.config;
    if (!c.GATEWAY_ADMIN_USERNAME) return;
    const existing = await this.users.byUsername(c.GATEWAY_ADMIN_USERNAME);
    if (existing) {
      // installs made before the name was Chinese only
      if (existing.displayName === LEGACY_DISPLAY_NAME) await this.users.rename(existing._id, DISPLAY_NAME);
      return;
    }
    const roles = [{ role: 'county-admin' as const, unit: c.GATEWAY_ADMIN_UNIT }];
    await this.users
      .create({
        _id: randomUUID(),
        username: c.GATEWAY_ADMIN_USERNAME,
        displayName: DISPLAY_NAME,
        passwordHash: await hashPassword(c.GATEWAY_ADMIN_PASSWORD),
        roles,
        scopeCodes: scopeCodesOf(roles),
        disabled: false,
        createdAt: new Date(),
        createdBy: null,
      })
      .catch(() => undefined); // another instance created it at the same moment
    this.logger.log(`created the administrator ${c.GATEWAY_ADMIN_USERNAME} of ${c.GATEWAY_ADMIN_UNIT}`);
  }
}
