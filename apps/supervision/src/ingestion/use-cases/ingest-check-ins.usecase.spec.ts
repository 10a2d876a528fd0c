import { CheckInRecord } from '@lib/contracts';
import type { RecomputeAttendance } from '../../attendance/use-cases/recompute-attendance.usecase';
import type { AttendanceLedger } from '../../attendance/attendance-ledger';
import type { CheckInsStore } from '../../checkins/checkins.store';
import type { Roster } from '../../teams/roster';
import { IngestCheckIns } from './ingest-check-ins.usecase';

/** The pipeline's decisions, with its repositories replaced by in-memory ones (no I/O). */
describe('ingesting check-ins (打卡入库)', () => {
  const team = {
    _id: 'team-1',
    countyCode: '621299',
    townCode: '621299101',
    villageCode: '621299101201',
    geofence: { latitude: 34.58, longitude: 105.72, radiusM: 800 },
    workingHours: { start: '09:00', end: '18:00' },
  };
  const member = { _id: 'm-1', teamId: 'team-1', dingtalkUserId: 'dt-1' };
  const record = (id: string, checkTime: string): CheckInRecord => ({
    source: 'gps-terminal',
    sourceRecordId: id,
    memberId: 'm-1',
    checkTime,
    latitude: 34.5801,
    longitude: 105.7203,
    checkByUser: true,
  });

  function pipeline(stored: Set<string>) {
    const recomputed: Array<{ memberId: string; day: string }> = [];
    const teams = { resolve: async () => [member], findTeams: async () => [team] };
    const checkIns = {
      insertNew: async (items: Array<{ checkIn: { _id: string } }>) => {
        const fresh = new Set(items.map((i) => i.checkIn._id).filter((id) => !stored.has(id)));
        fresh.forEach((id) => stored.add(id));
        return fresh;
      },
      insertUnmatched: async () => new Set<string>(),
    };
    const attendance = { fromLedger: async (days: typeof recomputed) => void recomputed.push(...days) };
    const ledger = { days: async () => [], addCheckIns: async () => undefined };
    const ingest = new IngestCheckIns(
      teams as unknown as Roster,
      checkIns as unknown as CheckInsStore,
      attendance as unknown as RecomputeAttendance,
      ledger as unknown as AttendanceLedger,
    );
    return { ingest, recomputed };
  }

  it('recomputes the days of a redelivered batch whose check-ins were stored before a crash', async () => {
    // the first delivery stored both records, then the process died before writing the days
    const stored = new Set(['gps-terminal:a', 'gps-terminal:b']);
    const { ingest, recomputed } = pipeline(stored);
    const result = await ingest.execute(
      [record('a', '2026-10-14T08:47:00+08:00'), record('b', '2026-10-15T23:30:00+08:00')],
      'kafka',
    );
    expect(result).toMatchObject({ received: 2, accepted: 0, duplicates: 2 });
    expect(recomputed).toEqual([
      { memberId: 'm-1', day: '2026-10-14' },
      { memberId: 'm-1', day: '2026-10-15' },
    ]);
  });

  it('keeps an unknown user aside and recomputes nothing for it', async () => {
    const { ingest, recomputed } = pipeline(new Set());
    const result = await ingest.execute(
      [{ ...record('c', '2026-10-14T08:47:00+08:00'), memberId: undefined, userId: 'dt-nobody' }],
      'dingtalk',
    );
    expect(result).toMatchObject({ accepted: 0, unmatched: 1 });
    expect(recomputed).toEqual([]);
  });
});
