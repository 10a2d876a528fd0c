export * from './duplicate-key';
export * from './store';
export * from './scoped-repository';
export * from './migrations';
export * from './county-codes.migration';
export * from './pairings';
export * from './closed-households';
