/**
 * Escalation rules (升级提醒), pure and unit-tested: an alert nobody acknowledged within its time is
 * sent again one org level up — level 1 to the town (乡镇), level 2 to the county (县, the top),
 * then, if configured, repeated at the county. Level k is due k intervals after the alert was raised.
 */
import { createHash } from 'node:crypto';

export type EscalationOrgLevel = 'town' | 'county';

export interface EscalationTarget {
  level: number;
  orgLevel: EscalationOrgLevel;
  /** The org unit code whose channels receive this level (9-digit town, 6-digit county). */
  unit: string;
}

export interface EscalationDefaults {
  high: number;
  medium: number;
  low: number;
}

/** The defaults of the app's configuration (ESCALATION_DEFAULT_MINUTES_HIGH, _MEDIUM, _LOW). */
export function escalationDefaultsOf(c: {
  ESCALATION_DEFAULT_MINUTES_HIGH: number;
  ESCALATION_DEFAULT_MINUTES_MEDIUM: number;
  ESCALATION_DEFAULT_MINUTES_LOW: number;
}): EscalationDefaults {
  return {
    high: c.ESCALATION_DEFAULT_MINUTES_HIGH,
    medium: c.ESCALATION_DEFAULT_MINUTES_MEDIUM,
    low: c.ESCALATION_DEFAULT_MINUTES_LOW,
  };
}

/** The alert's escalation interval in minutes: its own, else its severity's default; 0: never. */
export function escalationMinutesOf(
  a: { severity: string; escalateAfterMinutes?: number },
  defaults: EscalationDefaults,
): number {
  if (a.escalateAfterMinutes && a.escalateAfterMinutes > 0) return a.escalateAfterMinutes;
  return defaults[a.severity as keyof EscalationDefaults] ?? 0;
}

/** The highest level: town, county, then `countyRepeats` more reminders at the county. */
export const maxEscalationLevel = (countyRepeats: number) => 2 + countyRepeats;

/** Who receives level `level` of an alert from `villageCode`; null past the last level. */
export function escalationTarget(
  villageCode: string,
  level: number,
  countyRepeats: number,
): EscalationTarget | null {
  if (!Number.isInteger(level) || level < 1 || level > maxEscalationLevel(countyRepeats)) return null;
  return level === 1
    ? { level, orgLevel: 'town', unit: villageCode.slice(0, 9) }
    : { level, orgLevel: 'county', unit: villageCode.slice(0, 6) };
}

/** When level `level` is due (epoch ms): `level` intervals after the alert was raised. */
export function escalationDueAt(raisedAt: Date, minutes: number, level: number, minuteMs: number): number {
  return raisedAt.getTime() + level * minutes * minuteMs;
}

/**
 * BullMQ job id of one level: `escalate:<alertId>:<level>` (deterministic, so scheduling twice
 * schedules once). BullMQ ids may hold exactly two colons, so an alert id with one is hashed.
 */
export function escalationJobId(alertId: string, level: number): string {
  const id = alertId.includes(':')
    ? createHash('sha256').update(alertId).digest('hex').slice(0, 32)
    : alertId;
  return `escalate:${id}:${level}`;
}

/** "2小时" / "90分钟" / "1天3小时". */
export function durationZh(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes}分钟`;
  const hours = minutes / 60;
  if (hours < 24) return `${hours}小时`;
  if (hours % 24 === 0) return `${hours / 24}天`;
  return `${Math.floor(hours / 24)}天${hours % 24}小时`;
}

const ORG_ZH: Record<EscalationOrgLevel, string> = { town: '乡镇', county: '县级' };

/** Title and text of an escalated alert: marked 【升级提醒】, how long it waited, who it goes to. */
export function escalationMessage(
  a: { title: string; message: string },
  target: EscalationTarget,
  minutes: number,
): { title: string; message: string } {
  const waited = durationZh(minutes * target.level);
  const title = `【升级提醒】${a.title}`;
  const message =
    `【升级提醒】该预警超过${waited}未确认处理，已升级至${ORG_ZH[target.orgLevel]}（第${target.level}级）。` +
    `原预警：${a.message}`;
  return { title, message };
}
