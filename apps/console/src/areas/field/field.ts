import { defineStore } from 'pinia';
import { ElMessage } from 'element-plus';
import { computed, ref } from 'vue';
import { RecordSurveyBody, residentsProblem } from '@lib/contracts/surveys';
import { RecordWorkLogBody } from '@lib/contracts/work-logs';
import type { ThresholdDefault } from '@lib/contracts/default-thresholds';
import { ApiError, get, itemsOf, post } from '@/api/client';
import { monthOf } from '@/format';
import { unitQuery, useOrgUnits } from '@/stores/org-units';
import { useSession } from '@/stores/session';
import type { HouseholdRow } from '@/areas/surveys/data';
import { fieldErrors } from '@/areas/surveys/survey-form';
import {
  fieldDb,
  maskName,
  metaOf,
  newId,
  setMeta,
  wipeFieldCopy,
  type FieldHousehold,
  type QueueItem,
} from './db';

/** How long a downloaded copy may be used (days) unless the county sets otherwise. */
export const DEFAULT_EXPIRY_DAYS = 7;
const DAY = 86_400_000;

/** A work-team member the phone may write a work log for (downloaded with the month). */
export interface FieldMember {
  id: string;
  name: string;
  teamName: string;
  villageCode: string;
}

interface SurveyRow {
  id: string;
  householdId: string;
  month: string;
  perCapitaNetIncome: number | null;
  residentMembers: number;
  netIncome: number;
  recordedBy?: string;
  recordedAt?: string;
}

/** Why a queued record could not go: the API's refusal in words a cadre reads. */
function refusalText(e: ApiError): string {
  if (e.status === 401)
    return '登录已失效或账号已停用，记录未上传，仍保留在本机：请有权限的用户登录后接手，或放弃';
  if (e.status === 403) return `无权上传（${e.message}），记录仍保留在本机：请有权限的用户登录后接手，或放弃`;
  return e.message;
}

/**
 * 外业 (field work offline): the downloaded month, the queue and its sync. Sync runs by itself when
 * the browser comes back online (and when the shell starts), and by hand; each record goes with the
 * id it got on the phone, so sending it twice never makes two.
 */
export const useField = defineStore('field', () => {
  const session = useSession();
  const households = ref<FieldHousehold[]>([]);
  const queue = ref<QueueItem[]>([]);
  const downloadedAt = ref<string | null>(null);
  const month = ref<string | null>(null);
  const lastSyncAt = ref<string | null>(null);
  const lines = ref<ThresholdDefault[]>([]);
  const members = ref<FieldMember[]>([]);
  const expiryDays = ref(DEFAULT_EXPIRY_DAYS);
  const syncing = ref(false);
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const started = ref(false);

  const me = computed(() => session.user?.id ?? '');
  const mine = computed(() => queue.value.filter((q) => q.owner === me.value));
  const pending = computed(() => mine.value.filter((q) => q.status === 'pending').length);
  /** Records left by another account (signed out by a refusal): take over or discard. */
  const leftByOthers = computed(() => queue.value.filter((q) => q.owner !== me.value && q.status !== 'done'));
  const expiresAt = computed(() =>
    downloadedAt.value
      ? new Date(Date.parse(downloadedAt.value) + expiryDays.value * DAY).toISOString()
      : null,
  );
  const expired = computed(() => !!expiresAt.value && Date.parse(expiresAt.value) < Date.now());

  async function refresh() {
    const db = fieldDb();
    // a copy downloaded by another account is not shown (its queue is: to take over or discard)
    const owner = await metaOf<string>('owner');
    if (owner && me.value && owner !== me.value) {
      await db.transaction('rw', db.households, db.meta, async () => {
        await db.households.clear();
        await db.meta.bulkDelete(['downloadedAt', 'month', 'members', 'owner']);
      });
    }
    members.value = (await metaOf<FieldMember[]>('members')) ?? [];
    const [hs, qs, d, m, l, th, ex] = await Promise.all([
      db.households.toArray(),
      db.queue.orderBy('createdAt').toArray(),
      metaOf<string>('downloadedAt'),
      metaOf<string>('month'),
      metaOf<string>('lastSyncAt'),
      metaOf<ThresholdDefault[]>('lines'),
      metaOf<number>('expiryDays'),
    ]);
    queue.value = qs;
    downloadedAt.value = d ?? null;
    month.value = m ?? null;
    lastSyncAt.value = l ?? null;
    lines.value = th ?? [];
    expiryDays.value = ex ?? DEFAULT_EXPIRY_DAYS;
    // an expired copy is dropped (the queue stays: it is the cadre's work)
    if (expired.value) {
      await db.transaction('rw', db.households, db.meta, async () => {
        await db.households.clear();
        await db.meta.delete('members');
      });
      households.value = [];
      members.value = [];
    } else
      households.value = hs.sort((a, b) =>
        a.householdNumber.localeCompare(b.householdNumber, 'zh-CN', { numeric: true }),
      );
  }

  /** 下载本月走访: the scope's households not yet surveyed this month, with members (masked), last survey, the lines. */
  async function download() {
    const units = useOrgUnits();
    const unit = unitQuery(units.selected);
    const m = monthOf(0);
    const [hs, recent, thresholds] = await Promise.all([
      get('/api/v1/households', { ...unit, pageSize: 500 }).then((b) => itemsOf<HouseholdRow>(b)),
      get('/api/v1/surveys', { ...unit, pageSize: 500, sort: '-month' }).then((b) => itemsOf<SurveyRow>(b)),
      get<{ items: ThresholdDefault[] }>('/api/v1/thresholds').then((b) => b.items),
    ]);
    const last = new Map<string, SurveyRow>();
    const done = new Set<string>();
    for (const s of recent) {
      if (s.month === m) done.add(s.householdId);
      else if (s.month < m && !last.has(s.householdId)) last.set(s.householdId, s);
    }
    const rows: FieldHousehold[] = hs.map((h) => {
      const head = (h.members.find((x) => x.relation === 'head') ?? h.members[0])?.name ?? '';
      const l = last.get(h.id);
      return {
        id: h.id,
        householdNumber: h.householdNumber,
        countyCode: h.countyCode,
        townCode: h.townCode,
        villageCode: h.villageCode,
        villageName: units.nameOf(h.villageCode),
        head: maskName(head),
        memberCount: h.members.length,
        members: h.members.map((x) => ({ name: maskName(x.name), relation: x.relation })),
        lastSurvey: l
          ? {
              month: l.month,
              perCapitaNetIncome: l.perCapitaNetIncome,
              residentMembers: l.residentMembers,
              netIncome: l.netIncome,
            }
          : null,
        surveyed: done.has(h.id),
      };
    });
    // 驻村工作日志: the teams' members, for those who write logs
    const teamMembers: FieldMember[] = [];
    if (session.can('writeWorkLogs')) {
      const teams = itemsOf<{ id: string; name: string; villageCode: string }>(
        await get('/api/v1/teams', { pageSize: 500 }),
      );
      for (const t of teams.slice(0, 50)) {
        const team = await get<{ members?: Array<{ id: string; name: string }> }>(`/api/v1/teams/${t.id}`);
        for (const x of team.members ?? [])
          teamMembers.push({ id: x.id, name: x.name, teamName: t.name, villageCode: t.villageCode });
      }
    }
    // how long the copy may be used: the county's setting (离线走访设置), read now
    const county = (units.selected ?? hs[0]?.countyCode ?? '').slice(0, 6);
    const days = county
      ? (await get<{ offlineCopyDays: number }>(`/api/v1/field-settings/${county}`)).offlineCopyDays
      : DEFAULT_EXPIRY_DAYS;
    const db = fieldDb();
    const now = new Date().toISOString();
    await db.transaction('rw', db.households, db.meta, async () => {
      await db.households.clear();
      await db.households.bulkPut(rows.filter((r) => !r.surveyed));
      await db.meta.bulkPut([
        { key: 'downloadedAt', value: now },
        { key: 'month', value: m },
        { key: 'lines', value: thresholds },
        { key: 'owner', value: me.value },
        { key: 'members', value: teamMembers },
        { key: 'expiryDays', value: days },
      ]);
    });
    await refresh();
    return rows.filter((r) => !r.surveyed).length;
  }

  /**
   * Checks a survey as the API would (the very zod schema, and the household's registered members)
   * and queues it: field → Chinese reason when refused, null when queued.
   */
  async function queueSurvey(
    household: FieldHousehold,
    fields: Record<string, unknown>,
  ): Promise<{ errors: Record<string, string> } | { id: string }> {
    const id = newId();
    const body: Record<string, unknown> = {
      id,
      householdId: household.id,
      month: month.value ?? monthOf(0),
      ...fields,
    };
    const parsed = RecordSurveyBody.safeParse(body);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    const residents = residentsProblem(body.residentMembers, household.memberCount);
    if (residents) errors[residents.field] ??= residents.reason;
    if (!parsed.success || Object.keys(errors).length) return { errors };
    const item = queued(
      id,
      'survey',
      `${household.head} · ${household.householdNumber}号 · ${household.villageName}`,
      parsed.data,
    );
    const db = fieldDb();
    await db.transaction('rw', db.queue, db.households, async () => {
      await db.queue.put(item);
      await db.households.update(household.id, { surveyed: true });
    });
    return queuedNow(id);
  }

  /** A record as it waits on the phone, the signed-in user's. */
  function queued(id: string, kind: QueueItem['kind'], label: string, body: object): QueueItem {
    return {
      id,
      kind,
      owner: me.value,
      ownerName: session.user?.displayName || session.user?.username || '',
      createdAt: new Date().toISOString(),
      status: 'pending',
      label,
      body: body as Record<string, unknown>,
    };
  }
  /** Shown at once, and sent at once when there is a network. */
  async function queuedNow(id: string) {
    await refresh();
    if (navigator.onLine) void sync();
    return { id };
  }

  /** Checks a work log with the API's schema and queues it (the same way as a survey). */
  async function queueWorkLog(fields: {
    memberId: string;
    at: string;
    content: string;
    place: { address: string | null; latitude: number | null; longitude: number | null };
  }): Promise<{ errors: Record<string, string> } | { id: string }> {
    const id = newId();
    const parsed = RecordWorkLogBody.safeParse({ id, ...fields });
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    const member = members.value.find((x) => x.id === fields.memberId);
    await fieldDb().queue.put(
      queued(id, 'worklog', `工作日志 · ${member?.name ?? '队员'} · ${member?.teamName ?? ''}`, parsed.data),
    );
    return queuedNow(id);
  }

  /** Uploads the signed-in user's pending records, one by one; stops at the first network failure. */
  async function sync(): Promise<void> {
    if (syncing.value || !session.signedIn) return;
    syncing.value = true;
    try {
      await refresh();
      const db = fieldDb();
      for (const item of mine.value.filter((q) => q.status === 'pending')) {
        try {
          if (item.kind === 'survey') await post('/api/v1/surveys', item.body);
          else await post('/api/v1/worklogs', item.body);
          await db.queue.update(item.id, {
            status: 'done',
            uploadedAt: new Date().toISOString(),
            message: undefined,
          });
        } catch (e) {
          if (!(e instanceof ApiError)) break; // no network: try again later
          if (e.status === 409 && item.kind === 'survey') await conflictOf(item, e);
          else if (e.status === 401 || e.status === 403) {
            await db.queue.update(item.id, { status: 'refused', message: refusalText(e) });
            ElMessage.error({ message: refusalText(e), duration: 10_000 });
          } else if (e.status >= 500) break;
          else await db.queue.update(item.id, { status: 'invalid', message: e.message });
          if (e.status === 401) break;
        }
      }
      if (navigator.onLine) await setMeta('lastSyncAt', new Date().toISOString());
    } finally {
      syncing.value = false;
      await refresh().catch(() => undefined);
    }
  }

  /** Someone recorded the household's month meanwhile: keep ours, fetch theirs to compare. */
  async function conflictOf(item: QueueItem, e: ApiError) {
    const theirsId = typeof e.details.existingSurveyId === 'string' ? e.details.existingSurveyId : null;
    let survey: Record<string, unknown> | null = null;
    if (theirsId)
      survey = await get<Record<string, unknown>>(`/api/v1/surveys/${theirsId}`).catch(() => null);
    await fieldDb().queue.update(item.id, {
      status: 'conflict',
      message: '该户本月已由他人录入走访，本机记录未覆盖：请比对后作为更正提交，或放弃',
      theirs: theirsId
        ? {
            id: theirsId,
            recordedBy: (e.details.existingRecordedBy as string | null) ?? null,
            recordedAt: (e.details.existingRecordedAt as string | null) ?? null,
            survey,
          }
        : undefined,
    });
  }

  /** A conflict sent as a correction of the survey recorded meanwhile. */
  async function sendAsCorrection(item: QueueItem, changes: Record<string, unknown>) {
    if (!item.theirs) throw new Error('no survey to correct');
    await post(`/api/v1/surveys/${item.theirs.id}/corrections`, {
      reason: `离线走访与他人录入不一致，按本机记录更正（${item.ownerName}）`,
      changes,
    });
    await fieldDb().queue.update(item.id, {
      status: 'done',
      uploadedAt: new Date().toISOString(),
      message: '已作为更正提交',
    });
    await refresh();
  }

  /** A record left by another account (or refused) becomes the signed-in user's, to upload again. */
  async function takeOver(item: QueueItem) {
    await fieldDb().queue.update(item.id, {
      owner: me.value,
      ownerName: session.user?.displayName || session.user?.username || '',
      status: 'pending',
      message: undefined,
    });
    await refresh();
    if (navigator.onLine) void sync();
  }

  async function discard(item: QueueItem) {
    await fieldDb().queue.delete(item.id);
    await refresh();
  }

  const onOnline = () => {
    online.value = true;
    void sync();
  };
  const onOffline = () => (online.value = false);
  /** Once per page: sync when the network returns, and now if there is something to send. */
  function start() {
    if (started.value) return;
    started.value = true;
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    void refresh()
      .then(() => (navigator.onLine && pending.value ? sync() : undefined))
      .catch(() => undefined);
  }

  /** Sign-out: the whole copy goes (households, queue, facts). */
  async function wipe() {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    started.value = false;
    households.value = [];
    queue.value = [];
    downloadedAt.value = null;
    lastSyncAt.value = null;
    await wipeFieldCopy();
  }

  return {
    households,
    queue,
    mine,
    pending,
    leftByOthers,
    downloadedAt,
    month,
    lastSyncAt,
    lines,
    members,
    expiryDays,
    expiresAt,
    expired,
    syncing,
    online,
    refresh,
    download,
    queueSurvey,
    queueWorkLog,
    sync,
    sendAsCorrection,
    takeOver,
    discard,
    start,
    wipe,
  };
});
