import { DingTalkCrypto, dingTalkSignature } from '@lib/crypto';
import { SupervisionHarness } from './harness';

/**
 * A real DingTalk-style encrypted callback (test EncodingAESKey, token and app key) against the
 * supervision app as its own process: accepted, decrypted, stored; the reply decrypts to success.
 */
describe('DingTalk attendance callback (钉钉考勤回调)', () => {
  const h = new SupervisionHarness();
  let dingtalk: DingTalkCrypto;
  let memberId: string;
  const path = '/api/v1/integrations/dingtalk/callback';

  beforeAll(async () => {
    await h.start();
    dingtalk = new DingTalkCrypto(h.dingtalk);
    const teamId = await h.createTeam();
    memberId = await h.addMember(teamId, {
      name: '张明',
      role: 'first_secretary',
      dingtalkUserId: 'dt-zhangming',
    });
  }, 90_000);

  afterAll(() => h.stop());

  /** What DingTalk posts: query signature/timestamp/nonce, body {encrypt}. */
  function callback(
    message: unknown,
    over: { signature?: string; crypto?: DingTalkCrypto; timestamp?: number } = {},
  ) {
    const timestamp = String(over.timestamp ?? Date.now());
    const nonce = Math.random().toString(36).slice(2, 10);
    const encrypt = (over.crypto ?? dingtalk).encrypt(JSON.stringify(message));
    const signature = over.signature ?? dingTalkSignature(h.dingtalk.token, timestamp, nonce, encrypt);
    return h.app.request<Record<string, string>>(
      'POST',
      `${path}?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
      { encrypt },
      { token: null },
    );
  }

  function expectSuccessReply(body: Record<string, string>) {
    expect(body.msg_signature).toBe(
      dingTalkSignature(h.dingtalk.token, body.timeStamp, body.nonce, body.encrypt),
    );
    expect(dingtalk.decrypt(body.encrypt)).toBe('success');
  }

  const checkInsOf = async (id: string) =>
    (
      await h.app.get<{ total: number; items: Array<Record<string, unknown>> }>(
        `/api/v1/checkins?memberId=${id}`,
      )
    ).body;

  it('answers the check_url handshake with an encrypted success', async () => {
    const res = await callback({ EventType: 'check_url' });
    expect(res.status).toBe(200);
    expectSuccessReply(res.body);
  });

  it('accepts attendance_check_record, stores the check-in and keeps unknown users aside', async () => {
    const checkTime = Date.parse('2026-10-14T08:47:12+08:00');
    const res = await callback({
      EventType: 'attendance_check_record',
      CorpId: 'dingcorp-test',
      DataList: [
        {
          userId: 'dt-zhangming',
          checkTime,
          bizId: 'att-9001',
          corpId: 'dingcorp-test',
          groupId: 88001,
          address: '三联村村委会',
          latitude: 34.5812,
          longitude: 105.7205,
          locationResult: 'Normal',
          locationMethod: 'MAP',
          deviceSN: 'SN-ZM-01',
          deviceId: 'dev-zm',
          checkByUser: true,
        },
        { userId: 'dt-stranger', checkTime, bizId: 'att-9002', locationResult: 'Normal', checkByUser: true },
      ],
    });
    expect(res.status).toBe(200);
    expectSuccessReply(res.body);

    const stored = await checkInsOf(memberId);
    expect(stored.total).toBe(1);
    expect(stored.items[0]).toMatchObject({
      id: 'dingtalk:att-9001',
      memberId,
      source: 'dingtalk',
      sourceRecordId: 'att-9001',
      userId: 'dt-zhangming',
      checkTime: '2026-10-14T00:47:12.000Z',
      day: '2026-10-14',
      address: '三联村村委会',
      locationResult: 'Normal',
      locationMethod: 'MAP',
      deviceSN: 'SN-ZM-01',
      checkByUser: true,
      insideGeofence: true,
      receivedVia: 'dingtalk',
    });
    const unmatched = await h.app.get<{ items: Array<Record<string, unknown>> }>(
      '/api/v1/checkins/unmatched',
    );
    expect(unmatched.body.items).toEqual([
      expect.objectContaining({ id: 'dingtalk:att-9002', userId: 'dt-stranger', reason: 'unknown userId' }),
    ]);
    // the attendance day was computed from it
    const days = await h.app.get<{ items: Array<Record<string, unknown>> }>(
      `/api/v1/attendance?memberId=${memberId}&month=2026-10`,
    );
    expect(days.body.items).toEqual([
      expect.objectContaining({ day: '2026-10-14', presenceCount: 1, insideGeofence: true }),
    ]);
  });

  it('ignores a redelivered callback (same record) and still answers success', async () => {
    const res = await callback({
      EventType: 'attendance_check_record',
      DataList: [
        { userId: 'dt-zhangming', checkTime: Date.parse('2026-10-14T08:47:12+08:00'), bizId: 'att-9001' },
      ],
    });
    expect(res.status).toBe(200);
    expect((await checkInsOf(memberId)).total).toBe(1);
  });

  it('hands the check-ins kept aside to a member once their DingTalk user id is mapped (未匹配打卡补录)', async () => {
    const teamId = await h.createTeam();
    const added = await h.app.post<{ id: string; attachedCheckIns: number }>(
      `/api/v1/teams/${teamId}/members`,
      {
        name: '陈晨',
        role: 'member',
        sendingUnit: '县农业农村局',
        postedFrom: '2026-09-01',
      },
    );
    expect(added).toMatchObject({ status: 201, body: { attachedCheckIns: 0 } });
    const mapped = await h.app.request('PATCH', `/api/v1/members/${added.body.id}`, {
      dingtalkUserId: 'dt-stranger',
    });
    expect(mapped).toMatchObject({
      status: 200,
      body: { dingtalkUserId: 'dt-stranger', attachedCheckIns: 1 },
    });
    expect((await checkInsOf(added.body.id)).items).toEqual([
      expect.objectContaining({ id: 'dingtalk:att-9002', memberId: added.body.id, day: '2026-10-14' }),
    ]);
    const unmatched = await h.app.get<{ total: number }>('/api/v1/checkins/unmatched?userId=dt-stranger');
    expect(unmatched.body.total).toBe(0);
    const days = await h.app.get<{ items: Array<Record<string, unknown>> }>(
      `/api/v1/attendance?memberId=${added.body.id}&month=2026-10`,
    );
    expect(days.body.items).toEqual([expect.objectContaining({ day: '2026-10-14', presenceCount: 1 })]);
    // the same mapping again takes over nothing more
    const again = await h.app.request('PATCH', `/api/v1/members/${added.body.id}`, {
      dingtalkUserId: 'dt-stranger',
    });
    expect(again).toMatchObject({ status: 200, body: { attachedCheckIns: 0 } });
  });

  const fresh = (bizId: string) => ({
    EventType: 'attendance_check_record',
    DataList: [{ userId: 'dt-zhangming', checkTime: Date.parse('2026-10-15T08:40:00+08:00'), bizId }],
  });

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const res = await callback(fresh('att-9100'), { signature: 'f'.repeat(40) });
    expect(res.status).toBe(401);
    expect((await checkInsOf(memberId)).total).toBe(1);
  });

  it('refuses a correctly signed callback with a stale timestamp (> 5 min) with 401', async () => {
    const res = await callback({ EventType: 'check_url' }, { timestamp: Date.now() - 6 * 60_000 });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).toContain('时间戳');
    expect((await callback({ EventType: 'check_url' }, { timestamp: Date.now() - 60_000 })).status).toBe(200);
  });

  it('refuses a message for another app (owner key) with 401 and stores nothing', async () => {
    const other = new DingTalkCrypto({ ...h.dingtalk, ownerKey: 'another-app-key' });
    const res = await callback(fresh('att-9101'), { crypto: other });
    expect(res.status).toBe(401);
    expect((await checkInsOf(memberId)).total).toBe(1);
  });

  it('answers 400 naming the record and field of a malformed record, storing nothing', async () => {
    const res = await callback({
      EventType: 'attendance_check_record',
      DataList: [
        { userId: 'dt-zhangming', checkTime: Date.parse('2026-10-16T08:40:00+08:00'), bizId: 'att-9200' },
        { userId: 'dt-zhangming', checkTime: 'yesterday', bizId: 'att-9201' },
      ],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('DataList.1.checkTime');
    expect((await checkInsOf(memberId)).total).toBe(1);
  });
});
