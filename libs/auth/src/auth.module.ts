import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, VERIFICATION_KEY } from './guard';
import { KeySettings, loadVerificationKey } from './keys';

/** Token verification and the global guard, for every app. The key is loaded (and checked) at start. */
@Module({})
export class AuthModule {
  static forRoot(config: KeySettings & { AUTH_JWT_PUBLIC_KEY: string }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: VERIFICATION_KEY, useFactory: () => loadVerificationKey(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [VERIFICATION_KEY],
    };
  }
}
