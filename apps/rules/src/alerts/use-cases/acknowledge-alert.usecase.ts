import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { SubjectsStore } from '../../subjects/subjects.store';
import { Alert } from '../alert.schema';
import { AlertsRepository } from '../alerts.repository';

/**
 * 确认预警: a person takes an open alert in hand (alert.acknowledged.v1 in the same write). The
 * instance holding the alert's subject in memory is told (a new subject version): it re-reads the
 * subject before its next write. 'missing' when the alert does not exist or lies outside the scope,
 * 'not-open' when it is acknowledged or resolved already.
 */
@Injectable()
export class AcknowledgeAlert {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly subjects: SubjectsStore,
  ) {}

  async execute(
    scope: Scope,
    id: string,
    by: string,
    note?: string,
  ): Promise<Alert | 'missing' | 'not-open'> {
    const result = await this.alerts.acknowledge(scope, id, by, note);
    if (typeof result !== 'string') await this.subjects.touch([result.subjectId]);
    return result;
  }
}
