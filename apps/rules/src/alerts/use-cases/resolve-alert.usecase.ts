import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { SubjectsStore } from '../../subjects/subjects.store';
import { Alert } from '../alert.schema';
import { AlertsRepository } from '../alerts.repository';

/**
 * 解除预警: a person closes an open or acknowledged alert with a note (alert.resolved.v1, manual, in
 * the same write). The instance holding the alert's subject in memory is told (a new subject
 * version): it re-reads the subject before its next write. 'missing' when the alert does not exist
 * or lies outside the scope, 'resolved' when it was resolved already.
 */
@Injectable()
export class ResolveAlert {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly subjects: SubjectsStore,
  ) {}

  async execute(scope: Scope, id: string, by: string, note: string): Promise<Alert | 'missing' | 'resolved'> {
    const result = await this.alerts.resolveManually(scope, id, by, note);
    if (typeof result !== 'string') await this.subjects.touch([result.subjectId]);
    return result;
  }
}
