import { residentRequestDeadlineReached } from '@lib/testing';
import { openKeyOf } from '../../alerts/alert.schema';
import { requestDeadlineAlert } from './request-deadline-alerts';

describe('诉求办理超期 from a request’s deadline notice', () => {
  it('is one alert per request, round and stage, for the assignee, escalated when overdue', () => {
    const e = residentRequestDeadlineReached({ requestId: 'r1', round: 2, stage: 'overdue' });
    const a = requestDeadlineAlert(e, openKeyOf);
    expect(a).toMatchObject({
      _id: 'rro-r1-2-overdue',
      title: '诉求办理超期',
      severity: 'high',
      subjectType: 'resident-request',
      recipientUsers: [e.data.assignee],
      openKey: 'r1|resident-request-overdue|第2轮-overdue',
      escalateAfterMinutes: 1440,
    });
    expect(a.message).toContain('已超过办理时限');
    expect(requestDeadlineAlert({ ...e, id: 'another-delivery' }, openKeyOf)._id).toBe(a._id);
  });

  it('warns before the deadline without escalation, and names the village when nobody is assigned', () => {
    const a = requestDeadlineAlert(
      residentRequestDeadlineReached({ stage: 'approaching', assignee: null }),
      openKeyOf,
    );
    expect(a).toMatchObject({ title: '诉求办理即将超期', severity: 'medium', recipientUsers: [] });
    expect(a.escalateAfterMinutes).toBeUndefined();
    expect(a.recipientRoles).toContain('village-cadre');
  });
});
