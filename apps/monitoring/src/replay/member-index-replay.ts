import { Topics } from '@lib/contracts';
import { AppReplayOptions, ReadModelReplayResult, replayReadModel, ShadowWriter } from '@lib/persistence';
import { MemberHashEntry, MemberIndexFold } from '../department-facts/domain/member-index';
import { MEMBER_INDEX_READ_MODEL } from './member-index-pointer';

export interface MemberIndexReplayResult extends ReadModelReplayResult {
  entries: number;
}

/**
 * Rebuilds the member-hash index of department facts from households.events.v1 while the app keeps
 * serving and consuming (issue #17; the mechanism is libs/persistence's replayReadModel) into the shadow
 * `member_hashes_r<time>`. Derives only: waiting facts are not matched, nothing is published.
 */
export async function replayMemberIndex(o: AppReplayOptions): Promise<MemberIndexReplayResult> {
  const fold = new MemberIndexFold();
  const writer = new ShadowWriter<MemberHashEntry>();
  const result = await replayReadModel<MemberHashEntry>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.households}`],
      readModel: MEMBER_INDEX_READ_MODEL,
      collection: 'member_hashes',
    },
    {
      async prepare(shadow) {
        await shadow.createIndex({ hash: 1 }); // the schema's index (department-fact.schema.ts)
      },
      apply: (events) => fold.apply(events),
      flush: (shadow) => writer.flush(shadow, fold.changed, (id) => fold.entries.get(id)),
    },
  );
  return { ...result, entries: fold.entries.size };
}
