import { describe, expect, it } from 'vitest';
import { actionsOf, statusTag } from './view';

const VILLAGE = '621299101201';
const village = (p: string, unit?: string | null) =>
  ['readResidentRequests', 'handleResidentRequests', 'assignResidentRequests'].includes(p) &&
  (!unit || unit.startsWith(VILLAGE));
const workTeam = (p: string) => ['readResidentRequests', 'handleResidentRequests'].includes(p);
const auditor = (p: string) => p === 'readResidentRequests';

describe('a request’s actions', () => {
  it('follow 受理 → 办理中 → 办结 → 回访 for a village cadre', () => {
    expect(actionsOf({ status: 'accepted', assignee: null, villageCode: VILLAGE }, village)).toEqual([
      'assign',
    ]);
    expect(
      actionsOf(
        { status: 'accepted', assignee: { userId: 'u', name: '李明' }, villageCode: VILLAGE },
        village,
      ),
    ).toEqual(['assign', 'start']);
    expect(actionsOf({ status: 'in_progress', assignee: null, villageCode: VILLAGE }, village)).toEqual([
      'assign',
      'conclude',
    ]);
    expect(actionsOf({ status: 'concluded', assignee: null, villageCode: VILLAGE }, village)).toEqual([
      'rate',
    ]);
    expect(actionsOf({ status: 'visited', assignee: null, villageCode: VILLAGE }, village)).toEqual([]);
  });

  it('leave assignment to those who may assign, and nothing to a reader', () => {
    expect(actionsOf({ status: 'in_progress', assignee: null, villageCode: VILLAGE }, workTeam)).toEqual([
      'conclude',
    ]);
    expect(actionsOf({ status: 'in_progress', assignee: null, villageCode: VILLAGE }, auditor)).toEqual([]);
    expect(actionsOf({ status: 'accepted', assignee: null, villageCode: '621299101202' }, village)).toEqual(
      [],
    );
  });

  it('show an overdue request in red', () => {
    expect(statusTag({ status: 'in_progress', overdue: true })).toBe('danger');
    expect(statusTag({ status: 'visited', overdue: false })).toBe('info');
  });
});
