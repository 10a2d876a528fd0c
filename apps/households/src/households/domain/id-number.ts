/** 公民身份号码 (GB 11643-1999) rules (libs/contracts, shared with the console) and masking. */
export { checkCharOf, idNumberProblem, normalizeIdNumber } from '@lib/contracts';
/** 5301**********1234 and 138****0000 (libs/crypto: shared with every app that shows them) */
export { maskIdNumber, maskPhone } from '@lib/crypto';
