export * from './infra';
export * from './wait-for';
export * from './app-process';
export * from './webhook-sink';
export * from './sms-sink';
export * from './kafka-probe';
export * from './tokens';
export * from './factories';
