import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, VERIFICATION_KEY } from './guard';
import { KeySettings, loadVerificationKey } from './keys';
import { RevocationFollower, RevocationList } from './revocations';

/**
 * Token verification and the global guard, for every app. The key is loaded (and checked) at start.
 * Sign-outs (session.revoked.v1) are followed from Kafka when the app has the messaging module
 * (every app through ServiceKitModule), so a revoked token is refused everywhere, not only at the gateway.
 */
@Module({})
export class AuthModule {
  static forRoot(config: KeySettings & { AUTH_JWT_PUBLIC_KEY: string }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: VERIFICATION_KEY, useFactory: () => loadVerificationKey(config) },
        { provide: RevocationList, useValue: new RevocationList() },
        RevocationFollower,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [VERIFICATION_KEY, RevocationList, RevocationFollower],
    };
  }
}
