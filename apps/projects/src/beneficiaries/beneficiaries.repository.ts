/**
 * The old name of the beneficiaries' store, kept only for the closure handling
 * (end-links-of-closed-household.usecase.ts), which the shared closed-household guard replaces.
 */
export { BeneficiariesStore as BeneficiariesRepository } from './beneficiaries.store';
