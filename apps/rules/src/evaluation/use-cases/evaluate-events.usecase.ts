import { Injectable } from '@nestjs/common';
import { AlertsRepository } from '../../alerts/alerts.repository';
import { chinaDay } from '../../engine/rule-book';
import { decide, evaluateEvents, isClosed } from '../../engine/evaluate';
import { closureReasonText, HouseholdClosureReason } from '@lib/contracts';
import { RuleVersionsRepository } from '../../rules/rule-versions.repository';
import { subjectIdOf } from '../../subjects/domain/event-appliers';
import { SubjectEvent, SubjectState } from '../../subjects/domain/subject-state';
import { SubjectsStore } from '../../subjects/subjects.store';
import { Alert } from '../../alerts/alert.schema';
import { HeldSubjects } from '../held-subjects';
import { ThresholdsRepository } from '../../thresholds/thresholds.repository';
import { countEvaluations } from '../rule-metrics';

/**
 * Applies a run of events to the subjects' states and evaluates the rules they trigger, a few
 * statements per run whatever its size (issue #17): the states and unresolved alerts of the subjects
 * of owned partitions are held in memory (HeldSubjects); the others are read, one query per subject.
 * Per subject, events are taken in order. Writes: one insert of the resolutions (the alert documents
 * follow behind, at once for an open key the run raises on again: AlertsRepository.resolve), one insert
 * of the raised alerts, one insert of the new subject versions.
 *
 * Alerts are written first, then the states (with the applied event ids): a crash in between
 * re-evaluates on redelivery, and the deterministic alert id and the open key (subject, rule,
 * period) keep that — or a second instance — from raising twice. Any surprise (an alert refused as
 * existing, one resolved meanwhile, a subject version written by another) makes the subject be read
 * again and its events re-applied.
 */
@Injectable()
export class EvaluateEvents {
  constructor(
    private readonly subjects: SubjectsStore,
    private readonly alerts: AlertsRepository,
    private readonly held: HeldSubjects,
    private readonly thresholds: ThresholdsRepository,
    private readonly rules: RuleVersionsRepository,
  ) {}

  async execute(events: SubjectEvent[]): Promise<void> {
    let pending = events;
    let reread = new Set<string>();
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 5)
        throw new Error(`主体状态写入冲突 (subject state kept changing under ${pending.length} events)`);
      reread = await this.evaluateOnce(pending, reread);
      pending = pending.filter((e) => reread.has(subjectIdOf(e)));
    }
  }

  /**
   * 注销: the open alerts of households closed by this run are resolved with the closure's reason ("户已注销（死亡）")
   * before their state is saved, so a redelivery finds them resolved. A subject whose alerts changed meanwhile
   * is read again (`surprised`).
   */
  private async closeAlertsOfClosed(
    changed: Map<string, SubjectState>,
    open: Map<string, Alert>,
    surprised: Set<string>,
  ) {
    const byReason = new Map<string, Array<[string, Alert]>>();
    for (const [key, a] of open) {
      const s = changed.get(a.subjectId);
      if (!s || !isClosed(s)) continue;
      const note = closureReasonText(s.facts.closureReason as HouseholdClosureReason);
      byReason.set(note, [...(byReason.get(note) ?? []), [key, a]]);
    }
    for (const [note, list] of byReason) {
      for (const id of await this.alerts.resolve(
        list.map(([, a]) => a),
        'auto',
        note,
      ))
        surprised.add(id);
      for (const [key] of list) open.delete(key);
    }
  }

  /** One pass; returns the subjects to read again and re-apply (see the class comment). */
  private async evaluateOnce(events: SubjectEvent[], reread: Set<string>): Promise<Set<string>> {
    await this.held.ready();
    const ids = [...new Set(events.map(subjectIdOf))];
    const fromDb = ids.filter((id) => reread.has(id) || !this.held.holds(id));
    const [thresholds, book, dbStates, dbOpen] = await Promise.all([
      this.thresholds.all(),
      this.rules.current(),
      this.subjects.latest(fromDb),
      this.alerts.unresolvedOf(fromDb),
    ]);
    const states = new Map<string, SubjectState>();
    const open = new Map<string, Alert>();
    const fetched = new Set(fromDb);
    for (const id of ids) {
      const h = fetched.has(id)
        ? { state: dbStates.get(id) ?? null, open: dbOpen.get(id) ?? [] }
        : this.held.get(id);
      if (fetched.has(id)) this.held.set(id, h);
      if (h.state) states.set(id, h.state);
      for (const a of h.open) open.set(a.openKey, a);
    }
    const { changed, outcomes } = evaluateEvents(events, states, book, thresholds, chinaDay());
    const { raise, resolve } = decide(outcomes, open, new Date());
    const { reread: surprised, resolvedBefore } = await this.alerts.apply(raise, resolve, 'auto');
    for (const [key, a] of open) if (resolvedBefore.has(a._id)) open.delete(key);
    await this.closeAlertsOfClosed(changed, open, surprised);
    countEvaluations(outcomes, raise, resolve);
    const { saved, conflicts } = await this.subjects.save(
      [...changed.values()].filter((s) => !surprised.has(s._id)),
    );
    // what is held now: the saved state and the alerts left unresolved (`open` after decide)
    const openBySubject = new Map<string, Alert[]>();
    for (const a of open.values()) {
      const list = openBySubject.get(a.subjectId) ?? [];
      list.push(a);
      openBySubject.set(a.subjectId, list);
    }
    for (const s of saved) this.held.set(s._id, { state: s, open: openBySubject.get(s._id) ?? [] });
    return new Set([...surprised, ...conflicts]);
  }
}
