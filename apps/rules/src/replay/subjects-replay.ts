import { AppReplayOptions, insertIntoShadow, ReadModelReplayResult, replayReadModel } from '@lib/persistence';
import { RULES_TOPICS } from '../evaluation/evaluation.consumer';
import {
  applyEvent,
  EVENT_APPLIERS,
  emptyState,
  subjectEventsOf,
  subjectIdOf,
} from '../subjects/domain/event-appliers';
import { SubjectEvent, SubjectState } from '../subjects/domain/subject-state';
import { SubjectVersion, versionIdOf, versionOf } from '../subjects/subjects.store';
import { SUBJECTS_READ_MODEL } from './subjects-pointer';

const APPLIED_TYPES = new Set(EVENT_APPLIERS.map((a) => a.event.type));

/**
 * Written to the shadow after `flushEvery` events (default 100,000), and whenever caught up. The states
 * are held in memory throughout (a county's subjects are a few thousand), so a write per flush costs
 * one unordered insert of one version per changed subject; writing more often only adds superseded
 * versions to remove (FerretDB answers `$in` by scanning the collection).
 */
export type SubjectsReplayOptions = AppReplayOptions;

export interface SubjectsReplayResult extends ReadModelReplayResult {
  subjects: number;
}

/**
 * Folds events into subject states, as the live consumer does but without evaluating any rule: replay
 * derives state, it does not act (no alert raised or resolved, nothing published or sent). Events
 * already applied (their ids kept in the state) are skipped; a `knownOnly` event of an unknown subject too.
 */
export function foldSubjectEvents(
  events: readonly SubjectEvent[],
  states: Map<string, SubjectState>,
  changed: Set<string>,
): number {
  let applied = 0;
  for (const e of subjectEventsOf(events)) {
    const id = subjectIdOf(e);
    let s = states.get(id);
    if (s?.appliedEventIds.includes(e.id)) continue;
    if (!s && e.knownOnly) continue;
    if (!s) {
      s = emptyState(e);
      states.set(id, s);
    }
    applyEvent(s, e);
    changed.add(id);
    applied++;
  }
  return applied;
}

/**
 * Rebuilds rules' subjects read model from Kafka while the app keeps serving and consuming
 * (issue #17; the mechanism is libs/persistence's replayReadModel): folds rules' topics into states
 * in memory and writes them to the shadow `subject_versions_r<time>` (one unordered insert of versions
 * per flush, deterministic ids `subjectId#rev`, then the superseded versions removed).
 */
export async function replaySubjects(o: SubjectsReplayOptions): Promise<SubjectsReplayResult> {
  const states = new Map<string, SubjectState>();
  const dirty = new Set<string>();
  const result = await replayReadModel<SubjectVersion>(
    {
      ...o,
      topics: RULES_TOPICS.map((t) => `${o.topicPrefix}${t}`),
      readModel: SUBJECTS_READ_MODEL,
      collection: 'subject_versions',
    },
    {
      async prepare(shadow) {
        await shadow.createIndex({ subjectId: 1 });
        await shadow.createIndex({ subjectType: 1 });
      },
      apply: (events) =>
        foldSubjectEvents(
          events.filter((e) => APPLIED_TYPES.has(e.type)) as unknown as SubjectEvent[],
          states,
          dirty,
        ),
      /** Writes the changed states as their next versions, then removes the versions they supersede. */
      async flush(shadow) {
        if (dirty.size === 0) return;
        const docs: SubjectVersion[] = [];
        const superseded: string[] = [];
        for (const id of dirty) {
          const s = states.get(id)!;
          if (s.rev > 0) superseded.push(versionIdOf(id, s.rev));
          s.rev += 1;
          docs.push(versionOf(structuredClone(s)));
        }
        dirty.clear();
        await insertIntoShadow(shadow, docs);
        for (let i = 0; i < superseded.length; i += 1_000)
          await shadow.deleteMany({ _id: { $in: superseded.slice(i, i + 1_000) } });
      },
    },
  );
  return { ...result, subjects: states.size };
}
