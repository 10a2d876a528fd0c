import { AppReplayOptions, HouseholdDirectoryReplayResult, replayKnownHouseholds } from '@lib/persistence';
import { HouseholdDirectoryFold } from '../household-directory/domain/household-directory-fold';

export type { HouseholdDirectoryReplayResult };

/**
 * Rebuilds projects' household directory from households.events.v1 while the app keeps serving and
 * consuming (libs/persistence, replayKnownHouseholds): folded in memory (HouseholdDirectoryFold) and
 * written to the shadow `known_households_r<time>`. It derives the directory only: no beneficiary link
 * is ended for a closure, no ledger record's cadres are changed.
 */
export function replayHouseholdDirectory(o: AppReplayOptions): Promise<HouseholdDirectoryReplayResult> {
  return replayKnownHouseholds(o, new HouseholdDirectoryFold());
}
