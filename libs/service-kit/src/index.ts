export * from './config';
export * from './validation';
export * from './health';
export * from './service-kit.module';
export * from './bootstrap';
export * from './find-each';
export * from './openapi';
export * from './collections-setup';
