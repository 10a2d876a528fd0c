export * from './key-ring';
export * from './keyed-hash';
export * from './key-ring-setting';
export * from './masking';
export * from './dingtalk-crypto';
