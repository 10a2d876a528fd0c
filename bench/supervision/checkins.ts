/**
 * Simulated work teams and check-ins for the supervision ingestion bench: one team per village of the
 * demo town (621299101201…220), members spread over them, check-ins through October 2026 in time
 * order (as sources send them) at working-day times, ~70 % inside the village. Every record is validated against the contract.
 */
import { Message } from 'kafkajs';
import { CheckInRecord, CheckInRecordedV1, assertValidEvent, createEvent } from '@lib/contracts';
import { partitionOfKey } from '../pipeline/common';

export const VILLAGES = 20;

export interface BenchTeam {
  _id: string;
  villageCode: string;
  latitude: number;
  longitude: number;
}

export interface BenchMember {
  _id: string;
  teamId: string;
  villageCode: string;
}

export function villageCodeOf(i: number): string {
  return `6212991012${String((i % VILLAGES) + 1).padStart(2, '0')}`;
}

export function makeTeams(): BenchTeam[] {
  return Array.from({ length: VILLAGES }, (_, i) => ({
    _id: `bench-team-${String(i + 1).padStart(2, '0')}`,
    villageCode: villageCodeOf(i),
    latitude: 34.5 + i * 0.02,
    longitude: 105.72,
  }));
}

export function makeMembers(count: number, teams: BenchTeam[]): BenchMember[] {
  return Array.from({ length: count }, (_, i) => {
    const team = teams[i % teams.length];
    return {
      _id: `bench-member-${String(i).padStart(5, '0')}`,
      teamId: team._id,
      villageCode: team.villageCode,
    };
  });
}

/** Documents as the supervision app stores them (teams, members), written straight to its database. */
export function teamDocs(teams: BenchTeam[]) {
  const now = new Date();
  return teams.map((t) => ({
    _id: t._id,
    name: `驻村工作队 ${t.villageCode}`,
    countyCode: t.villageCode.slice(0, 6),
    townCode: t.villageCode.slice(0, 9),
    villageCode: t.villageCode,
    sendingUnit: '县农业农村局',
    geofence: { latitude: t.latitude, longitude: t.longitude, radiusM: 800 },
    requiredDaysPerMonth: 20,
    workingHours: { start: '09:00', end: '18:00' },
    createdAt: now,
    updatedAt: now,
  }));
}

export function memberDocs(members: BenchMember[]) {
  const now = new Date();
  return members.map((m, i) => ({
    _id: m._id,
    teamId: m.teamId,
    countyCode: m.villageCode.slice(0, 6),
    townCode: m.villageCode.slice(0, 9),
    villageCode: m.villageCode,
    name: `队员${i}`,
    role: i % 10 === 0 ? 'first_secretary' : 'member',
    sendingUnit: '县农业农村局',
    postedFrom: '2026-09-01',
    postedTo: null,
    dingtalkUserId: `bench-dt-${i}`,
    createdAt: now,
    updatedAt: now,
  }));
}

const OCTOBER = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);

export interface BenchCheckIn {
  record: CheckInRecord;
  key: string;
  partition: number;
  value: string;
}

/**
 * `count` check-ins of `members`, ids prefixed with `tag` (so sets never collide). Half name the
 * member by our id, half by the DingTalk user id, as the real sources do.
 */
export function makeCheckIns(
  tag: string,
  count: number,
  members: BenchMember[],
  teams: BenchTeam[],
  random: () => number,
): BenchCheckIn[] {
  const teamById = new Map(teams.map((t) => [t._id, t]));
  const out: BenchCheckIn[] = [];
  for (let i = 0; i < count; i++) {
    const mi = Math.floor(random() * members.length);
    const m = members[mi];
    const team = teamById.get(m.teamId)!;
    // sources send in time order: a run of records covers a day or two of the month
    const day = OCTOBER[Math.floor((i * OCTOBER.length) / count)];
    const minutes = 8 * 60 + Math.floor(random() * 11.5 * 60); // 08:00–19:30
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const inside = random() < 0.7;
    const record = CheckInRecord.parse({
      source: 'gps-terminal',
      sourceRecordId: `${tag}-${i}`,
      ...(i % 2 === 0 ? { memberId: m._id } : { userId: `bench-dt-${mi}` }),
      checkTime: `${day}T${hhmm}:${String(i % 60).padStart(2, '0')}+08:00`,
      latitude: team.latitude + (inside ? 0.002 : 0.12),
      longitude: team.longitude,
      locationMethod: 'GPS',
      deviceSN: `SN-${mi}`,
    });
    const event = createEvent({
      type: CheckInRecordedV1.type,
      source: 'bench-gps-gateway',
      subject: m._id,
      data: record,
    });
    assertValidEvent(event);
    out.push({ record, key: m._id, partition: partitionOfKey(m._id), value: JSON.stringify(event) });
  }
  return out;
}

export function toMessage(c: BenchCheckIn): Message {
  return { key: c.key, value: c.value, partition: c.partition };
}
