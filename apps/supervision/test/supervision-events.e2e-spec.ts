import {
  CheckInAcceptedV1,
  CloudEvent,
  FundEntryApprovedV1,
  InspectionFollowUpChangedV1,
  InspectionRecordedV1,
  LeaveDecidedV1,
  WorkLogRecordedV1,
} from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { SupervisionHarness } from './harness';

/**
 * What rules and the notifier learn from supervision: every accepted check-in, work log, leave
 * decision, inspection, follow-up (整改) and approved fund entry reaches `supervision.events.v1` on
 * the real broker through the outbox, as the contract describes it, once per fact (by event id).
 */
describe('supervision events on supervision.events.v1 (督查事件)', () => {
  const h = new SupervisionHarness();
  let teamId = '';
  let memberId = '';

  beforeAll(async () => {
    await h.start();
    teamId = await h.createTeam();
    memberId = await h.addMember(teamId, { name: '周婷', dingtalkUserId: 'dt-zt' });
  }, 90_000);
  afterAll(() => h.stop());

  /** The events of a type on the topic, one per id (the outbox may put a record there twice). */
  async function eventsOf(
    type: string,
    atLeast: number,
  ): Promise<CloudEvent<string, Record<string, unknown>>[]> {
    return waitFor(`${atLeast} ${type} event(s)`, async () => {
      const all = (await h.kafka.readAll(h.topic('supervision.events.v1')))
        .map((m) => JSON.parse(m.value!.toString()) as CloudEvent<string, Record<string, unknown>>)
        .filter((e) => e.type === type);
      const unique = [...new Map(all.map((e) => [e.id, e])).values()];
      return unique.length >= atLeast ? unique : undefined;
    });
  }

  it('announces each new check-in once (checkin.accepted.v1); a duplicate or unknown user announces nothing', async () => {
    const record = (id: string, who: Record<string, string>) => ({
      source: 'gps-terminal',
      sourceRecordId: id,
      ...who,
      checkTime: '2026-11-03T09:05:00+08:00',
      latitude: 34.5801,
      longitude: 105.7203,
      deviceSN: 'T88',
    });
    const first = await h.pushSigned({
      records: [record('ev-1', { memberId }), record('ev-2', { userId: 'dt-zt' })],
    });
    expect(first.body).toMatchObject({ accepted: 2 });
    const again = await h.pushSigned({
      records: [record('ev-1', { memberId }), record('ev-3', { userId: 'dt-nobody' })],
    });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1, unmatched: 1 });
    // a later fact, so that waiting for it proves the earlier ones had their chance to be published
    await h.pushSigned({ records: [record('ev-4', { memberId })] });

    const accepted = await eventsOf(CheckInAcceptedV1.type, 3);
    expect(accepted.map((e) => e.data.sourceRecordId).sort()).toEqual(['ev-1', 'ev-2', 'ev-4']);
    for (const e of accepted) {
      expect(CheckInAcceptedV1.schema.safeParse(e.data).success).toBe(true);
      expect(e.subject).toBe(memberId);
    }
    expect(accepted.find((e) => e.data.sourceRecordId === 'ev-2')?.data).toMatchObject({
      checkInId: 'gps-terminal:ev-2',
      memberId,
      teamId,
      townCode: '621299101',
      villageCode: '621299101201',
      day: '2026-11-03',
      checkByUser: true,
      insideGeofence: true,
      deviceSN: 'T88',
    });
  });

  it('announces a work log, a leave decision, an inspection with two follow-ups and an approved fund entry', async () => {
    const log = await h.app.post<{ id: string }>('/api/v1/worklogs', {
      memberId,
      at: '2026-11-04T15:10:00+08:00',
      content: '召开村两委会议，研究防返贫监测对象帮扶措施',
      place: { address: '三联村村委会', latitude: 34.5801, longitude: 105.7203 },
      photos: [{ ref: 'oss://worklogs/2026/11/04/zt-1.jpg', caption: '会议照片' }],
    });
    expect(log.status).toBe(201);

    const leave = await h.app.post<{ id: string }>('/api/v1/leaves', {
      memberId,
      kind: 'official_business',
      from: '2026-11-05',
      to: '2026-11-06',
      reason: '赴县参加产业帮扶培训',
    });
    expect(leave.status).toBe(201);
    const decided = await h.app.post(`/api/v1/leaves/${leave.body.id}/decision`, {
      approve: true,
      decidedBy: '镇党委 刘书记',
      note: '同意',
    });
    expect(decided.status).toBe(200);

    const inspection = await h.app.post<{ id: string }>('/api/v1/inspections', {
      teamId,
      inspectedOn: '2026-11-10',
      inspector: '县纪委 第二督查组',
      findings: [{ memberId, finding: '驻村工作日志记录不全', severity: 'medium' }],
    });
    expect(inspection.status).toBe(201);
    const followUp = (status: string, note: string) =>
      h.app.post<{ status: string; followUps: unknown[] }>(
        `/api/v1/inspections/${inspection.body.id}/follow-ups`,
        {
          status,
          note,
          by: '镇纪委',
        },
      );
    // the second follow-up is appended only while the first is the last one (a guarded update)
    expect(await followUp('rectifying', '已通知整改，限期一周')).toMatchObject({
      status: 200,
      body: { status: 'rectifying', followUps: [{}] },
    });
    expect(await followUp('closed', '日志已补齐，整改完成')).toMatchObject({
      status: 200,
      body: { status: 'closed', followUps: [{}, {}] },
    });

    const entry = (amount: number) =>
      h.app.post<{ id: string }>('/api/v1/fund-entries', {
        teamId,
        spentOn: '2026-11-12',
        amount,
        category: 'office',
        description: '购买入户走访登记册',
        receipts: ['oss://receipts/2026/11/12-1.jpg'],
        recordedBy: '周婷',
      });
    const approved = await entry(86.4);
    const rejected = await entry(999);
    expect(
      (
        await h.app.post(`/api/v1/fund-entries/${approved.body.id}/decision`, {
          approve: true,
          decidedBy: '镇党委',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await h.app.post(`/api/v1/fund-entries/${rejected.body.id}/decision`, {
          approve: false,
          decidedBy: '镇党委',
        })
      ).status,
    ).toBe(200);

    const [logs] = [await eventsOf(WorkLogRecordedV1.type, 1)];
    expect(logs).toHaveLength(1);
    expect(logs[0].data).toMatchObject({
      workLogId: log.body.id,
      memberId,
      day: '2026-11-04',
      insideGeofence: true,
      photoCount: 1,
    });

    const leaves = await eventsOf(LeaveDecidedV1.type, 1);
    expect(leaves).toHaveLength(1);
    expect(leaves[0].data).toMatchObject({
      leaveId: leave.body.id,
      kind: 'official_business',
      from: '2026-11-05',
      to: '2026-11-06',
      status: 'approved',
      decidedBy: '镇党委 刘书记',
      note: '同意',
    });

    const recorded = await eventsOf(InspectionRecordedV1.type, 1);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].data).toMatchObject({ inspectionId: inspection.body.id, teamId, status: 'open' });
    const steps = await eventsOf(InspectionFollowUpChangedV1.type, 2);
    expect(steps.map((e) => [e.data.sequence, e.data.previousStatus, e.data.status]).sort()).toEqual([
      [1, 'open', 'rectifying'],
      [2, 'rectifying', 'closed'],
    ]);

    // only the approved spending counts: 86.40 yuan = 8640 fen; the rejected one announces nothing
    const funds = await eventsOf(FundEntryApprovedV1.type, 1);
    expect(funds).toHaveLength(1);
    expect(funds[0].data).toMatchObject({ fundEntryId: approved.body.id, amountFen: 8640, teamId });

    for (const [def, events] of [
      [WorkLogRecordedV1, logs],
      [LeaveDecidedV1, leaves],
      [InspectionRecordedV1, recorded],
      [InspectionFollowUpChangedV1, steps],
      [FundEntryApprovedV1, funds],
    ] as const)
      for (const e of events) expect(def.schema.safeParse(e.data).success).toBe(true);
  }, 60_000);

  it('keeps concurrent follow-ups of one inspection in order, each announced once', async () => {
    const inspection = await h.app.post<{ id: string }>('/api/v1/inspections', {
      teamId,
      inspectedOn: '2026-11-20',
      inspector: '镇纪委 陈明',
      findings: [{ memberId, finding: '早晚打卡、白天不见人', severity: 'high' }],
    });
    const answers = await Promise.all(
      ['约谈', '书面检查', '通报批评'].map((note) =>
        h.app.post(`/api/v1/inspections/${inspection.body.id}/follow-ups`, {
          status: 'rectifying',
          note,
          by: '镇纪委',
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 200).length;
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    expect(ok).toBeGreaterThan(0);
    const stored = await h.app.get<{ followUps: Array<{ note: string }> }>(
      `/api/v1/inspections/${inspection.body.id}`,
    );
    expect(stored.body.followUps).toHaveLength(ok);
    const steps = (await eventsOf(InspectionFollowUpChangedV1.type, 2 + ok)).filter(
      (e) => e.data.inspectionId === inspection.body.id,
    );
    expect(steps.map((e) => e.data.sequence).sort()).toEqual(Array.from({ length: ok }, (_, i) => i + 1));
  }, 60_000);
});
