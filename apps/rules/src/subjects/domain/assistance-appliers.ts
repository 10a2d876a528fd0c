import { MicrocreditRepaymentOverdueV1, RelocationEmploymentChangedV1 } from '@lib/contracts';
import type { EventApplier } from './event-appliers';
import type { SubjectEvent } from './subject-state';

/**
 * 帮扶台账 (assistance ledgers, kept by projects): the events that raise alerts. Pure, additive
 * entries of EVENT_APPLIERS (`...ASSISTANCE_APPLIERS`), trigger `assistance`.
 */
export const ASSISTANCE_APPLIERS: EventApplier[] = [
  {
    event: MicrocreditRepaymentOverdueV1,
    subjectType: 'household',
    apply: (_s, e) => {
      const d = (e as MicrocreditRepaymentOverdueV1 & SubjectEvent).data;
      return {
        trigger: 'assistance',
        asOf: d.dueOn,
        eventFacts: {
          'event.assistanceRisk': 'microcredit_overdue',
          'event.assistanceDetail': `${d.bank} 小额信贷 ${d.dueOn} 应还 ${d.amountDue} 元，至 ${d.detectedOn} 未还（逾期 ${d.daysOverdue} 天）`,
        },
      };
    },
  },
  {
    event: RelocationEmploymentChangedV1,
    subjectType: 'household',
    apply: (s, e) => {
      const d = (e as RelocationEmploymentChangedV1 & SubjectEvent).data;
      Object.assign(s.facts, {
        relocated: true,
        relocationSite: d.site,
        relocationLabour: d.labourCount,
        relocationEmployedLabour: d.employedLabour,
      });
      return { trigger: 'assistance', asOf: d.changedOn, eventFacts: {} };
    },
  },
];

