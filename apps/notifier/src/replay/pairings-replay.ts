import { Topics } from '@lib/contracts';
import {
  AppReplayOptions,
  keyedBuilder,
  PairingsReplayResult,
  ReadModelReplayResult,
  replayPairings,
  replayReadModel,
} from '@lib/persistence';
import { CadreNamesFold } from '../pairings/domain/cadre-names-fold';
import type { PairedCadreName } from '../pairings/pairings.schema';
import { CADRE_NAMES_READ_MODEL } from './pairings-pointer';

export interface NotifierPairingsReplayResult {
  /** The cadres' names (`paired_cadres`). */
  names: ReadModelReplayResult & { cadres: number };
  /** Which cadres each household has (the shared pairing record, `paired_households`). */
  pairings: PairingsReplayResult;
}

/**
 * Rebuilds the notifier's pairings from households.events.v1 while the app keeps serving and
 * consuming: first the cadres' names (CadreNamesFold → `paired_cadres_r<time>`), then which cadres
 * each household has (libs/persistence, replayPairings → `paired_households_r<time>`), each switched
 * over by its own fence — the names first, so a household's new cadres are found with their names, as
 * the live consumer writes them.
 */
export async function replayNotifierPairings(o: AppReplayOptions): Promise<NotifierPairingsReplayResult> {
  const fold = new CadreNamesFold();
  const names = await replayReadModel<PairedCadreName>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.households}`],
      readModel: CADRE_NAMES_READ_MODEL,
      collection: 'paired_cadres',
    },
    keyedBuilder(fold),
  );
  const pairings = await replayPairings(o);
  return { names: { ...names, cadres: fold.documents.size }, pairings };
}
