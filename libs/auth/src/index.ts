export * from './roles';
export * from './scope';
export * from './keys';
export * from './tokens';
export * from './guard';
export * from './auth.module';
export * from './request-signing';
export * from './revocations';
