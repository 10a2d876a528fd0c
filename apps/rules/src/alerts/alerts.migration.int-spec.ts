import { MongoClient } from 'mongodb';
import { infra, uniqueRunId } from '@lib/testing';
import { resolvedAlertsMigration } from './alerts.migration';

type Doc = { _id: string; [field: string]: unknown };

/** An alert document as the earlier versions wrote it. */
const alert = (id: string, extra: Record<string, unknown> = {}): Doc => ({
  _id: id,
  ruleId: 'income-below-line',
  ruleVersion: 1,
  severity: 'high',
  subjectType: 'household',
  subjectId: `hh-${id}`,
  countyCode: '621299',
  townCode: '621299101',
  villageCode: '621299101201',
  period: '2026-11',
  title: '人均纯收入低于监测线',
  message: '人均纯收入 4,800 元，低于监测线 6,000 元',
  explanation: [],
  recipientRoles: ['village-cadre'],
  status: 'open',
  openKey: `hh-${id}|income-below-line|2026-11`,
  triggeredBy: `event-${id}`,
  raisedAt: new Date('2026-11-20T08:00:00Z'),
  resolvedAt: null,
  resolution: null,
  ...extra,
});

/** The resolution record as the previous version wrote it: the resolution's fields only. */
const oldRecord = (id: string, note: string): Doc => ({
  _id: id,
  subjectId: `hh-${id}`,
  ruleId: 'income-below-line',
  resolvedAt: new Date('2026-11-25T08:00:00Z'),
  resolution: 'manual',
  resolvedBy: 'user:cadre',
  resolutionNote: note,
  openKey: `hh-${id}|income-below-line|2026-11|${id}`,
});

describe('resolved alerts moved apart from the unresolved ones (migration)', () => {
  const client = new MongoClient(infra.mongoUrl);
  const db = () => client.db(dbName);
  const dbName = uniqueRunId('alertsmove');

  beforeAll(() => client.connect());
  afterAll(async () => {
    await db().dropDatabase();
    await client.close();
  });

  it('moves resolved alert documents into alert_resolutions, completes old records, leaves the open ones', async () => {
    const resolvedEarlier = {
      status: 'resolved',
      resolvedAt: new Date('2026-11-22T08:00:00Z'),
      resolution: 'auto',
      openKey: 'hh-b|income-below-line|2026-11|b',
    };
    await db()
      .collection<Doc>('alerts')
      .insertMany([
        alert('a'), // open: stays
        alert('b', resolvedEarlier), // resolved before resolution records existed
        alert('c', { ...resolvedEarlier, resolution: 'manual', openKey: 'hh-c|income-below-line|2026-11|c' }), // resolved, record too
        alert('d'), // its record written, the document never brought in line (the app died)
      ]);
    await db()
      .collection<Doc>('alert_resolutions')
      .insertMany([oldRecord('c', '已帮扶到位'), oldRecord('d', '已就业')]);

    await resolvedAlertsMigration.up(db() as never);
    await resolvedAlertsMigration.up(db() as never); // run again (interrupted and restarted): nothing changes

    const open = await db().collection<Doc>('alerts').find().toArray();
    expect(open.map((a) => a._id)).toEqual(['a']);
    expect(open[0]).toMatchObject({ status: 'open', openKey: 'hh-a|income-below-line|2026-11' });

    const resolved = await db().collection<Doc>('alert_resolutions').find().sort({ _id: 1 }).toArray();
    expect(resolved.map((r) => r._id)).toEqual(['b', 'c', 'd']);
    for (const r of resolved)
      expect(r).toMatchObject({
        status: 'resolved',
        title: '人均纯收入低于监测线',
        villageCode: '621299101201',
      });
    expect(resolved[0]).toMatchObject({ resolution: 'auto' });
    // the record's resolution wins over the document's
    expect(resolved[1]).toMatchObject({ resolution: 'manual', resolutionNote: '已帮扶到位' });
    expect(resolved[2]).toMatchObject({
      resolution: 'manual',
      resolutionNote: '已就业',
      openKey: 'hh-d|income-below-line|2026-11|d',
    });
  });
});
