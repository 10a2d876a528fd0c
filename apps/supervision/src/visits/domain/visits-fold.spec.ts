import { householdRegistered, surveyRecorded } from '@lib/testing';
import { Visitor, VisitsFold, visitOf } from './visits-fold';

const VILLAGE = '621299101201';
const member = (id: string, name: string, villageCode = VILLAGE): Visitor => ({
  _id: id,
  teamId: `team-${villageCode}`,
  countyCode: villageCode.slice(0, 6),
  townCode: villageCode.slice(0, 9),
  villageCode,
  name,
});
const roster = [
  member('m-wf', '王芳'),
  member('m-lq', '李强'),
  member('m-lq2', '李强强'),
  member('m-x', '王芳', '621299101202'),
];
const survey = (surveyId: string, visitor: string, visitedAt = '2026-10-28T23:30:00+08:00') =>
  surveyRecorded({ surveyId, householdId: 'hh-1', villageCode: VILLAGE, visitor, visitedAt });

/** The replay folds monitoring's surveys as the live consumer records visits (RecordVisits). */
describe('visits fold (replay)', () => {
  it("counts a survey for the one member of the village's team its visitor names, on the local day", () => {
    expect(visitOf(survey('s-1', '驻村工作队 王芳', '2026-10-28T17:30:00Z').data, roster)).toEqual({
      _id: 's-1',
      memberId: 'm-wf',
      teamId: `team-${VILLAGE}`,
      countyCode: '621299',
      townCode: '621299101',
      villageCode: VILLAGE,
      day: '2026-10-29', // 01:30 in China
      at: new Date('2026-10-28T17:30:00Z'),
      householdId: 'hh-1',
      visitedVillageCode: VILLAGE,
      inside: true,
    });
    expect(visitOf(survey('s-2', '驻村工作队 李强强').data, roster)).toBeNull(); // 李强 and 李强强: cannot be told
    expect(visitOf(survey('s-3', '村医 孙某').data, roster)).toBeNull();
  });

  it('keeps the first delivery of a survey and ignores other events', () => {
    const fold = new VisitsFold(roster);
    const first = survey('s-1', '王芳');
    expect(
      fold.apply([
        first,
        survey('s-1', '王芳', '2026-10-30T10:00:00+08:00'),
        survey('s-3', '孙某'),
        householdRegistered(),
      ]),
    ).toBe(1);
    expect(fold.visits.get('s-1')?.day).toBe('2026-10-28');
    expect(fold.fresh.map((v) => v._id)).toEqual(['s-1']);
  });
});
