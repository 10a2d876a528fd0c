export * from './duplicate-key';
export * from './store';
export * from './scoped-repository';
export * from './migrations';
export * from './county-codes.migration';
export * from './pairings';
export * from './closed-households';
export * from './newest-load';
export * from './replay/read-model-pointer';
export * from './replay/read-model-follower';
export * from './replay/replay-read-model';
export * from './replay/replay-command';
// a value stored as one deflated JSON value (the outbox journal's form; a rules subject's state)
export { deflatedJson, inflatedJson } from '@lib/messaging';
export * from './replay/keyed-fold';
export * from './replay/shadow-writer';
export * from './replay/pairings-fold';
export * from './known-households';
