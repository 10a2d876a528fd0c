import Dexie, { type Table } from 'dexie';

/**
 * The phone's offline copy (外业, IndexedDB through Dexie): the households due this month in the
 * user's scope with what the survey form needs (personal data masked), the queue of surveys and
 * work-log entries waiting to upload, and a few facts (when downloaded, last sync, the lines).
 * Wiped at sign-out (wipeFieldCopy): afterwards no database of the console is left in the browser.
 */
export interface FieldHousehold {
  id: string;
  householdNumber: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  villageName: string;
  /** 户主 masked (王*国): the phone never holds a full name. */
  head: string;
  memberCount: number;
  members: { name: string; relation: string }[];
  lastSurvey: {
    month: string;
    perCapitaNetIncome: number | null;
    residentMembers: number;
    netIncome: number;
  } | null;
  /** Surveyed this month already (online, or uploaded from here). */
  surveyed: boolean;
}

export type QueueStatus = 'pending' | 'done' | 'conflict' | 'refused' | 'invalid';

export interface QueueItem {
  /** The record's id, chosen here: the upload is idempotent by it. */
  id: string;
  kind: 'survey' | 'worklog';
  /** Who wrote it (account id and name shown). */
  owner: string;
  ownerName: string;
  createdAt: string;
  status: QueueStatus;
  /** What the phone shows for it (户主 masked · 户号 · month). */
  label: string;
  body: Record<string, unknown>;
  message?: string;
  uploadedAt?: string;
  /** A conflict: the survey someone else recorded for the household and month. */
  theirs?: {
    id: string;
    recordedBy: string | null;
    recordedAt: string | null;
    survey: Record<string, unknown> | null;
  };
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const FIELD_DB = 'ffp-field';

class FieldDb extends Dexie {
  households!: Table<FieldHousehold, string>;
  queue!: Table<QueueItem, string>;
  meta!: Table<MetaRow, string>;
  constructor() {
    super(FIELD_DB);
    this.version(1).stores({
      households: 'id, villageCode',
      queue: 'id, status, owner, kind, createdAt',
      meta: 'key',
    });
  }
}

let instance: FieldDb | null = null;
/** The database, opened on first use (and created then: nothing exists before a download or a queued record). */
export function fieldDb(): FieldDb {
  return (instance ??= new FieldDb());
}

/** Deletes the whole offline copy (sign-out): households, queue and facts. */
export async function wipeFieldCopy(): Promise<void> {
  const db = instance ?? new FieldDb();
  instance = null;
  await db.delete();
}

export async function metaOf<T>(key: string): Promise<T | undefined> {
  return (await fieldDb().meta.get(key))?.value as T | undefined;
}
export async function setMeta(key: string, value: unknown): Promise<void> {
  await fieldDb().meta.put({ key, value });
}

/** A name as the phone keeps it: the surname and the last character (王*国, 李*). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '—';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A v4 UUID (crypto.randomUUID needs a secure context; a county intranet may serve plain http). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
