import { labelOf, type LabelKind } from '@lib/contracts/labels';
import { ReceivedVia } from './checkins/check-in.schema';
import { FundCategories, FundEntryStatuses } from './funds/fund-entry.schema';
import { FollowUpStatuses } from './inspections/inspection.schema';
import { LeaveKinds, LeaveStatuses } from './leaves/leave.schema';
import { MemberRole } from './teams/team.schema';

/** Every value the supervision API answers with has a Chinese label for the console and the exports. */
const enums: [LabelKind, readonly string[]][] = [
  ['teamMemberRole', MemberRole],
  ['leaveKind', LeaveKinds],
  ['decision', LeaveStatuses],
  ['decision', FundEntryStatuses],
  ['followUpStatus', FollowUpStatuses],
  ['fundCategory', FundCategories],
  ['checkInChannel', ReceivedVia],
];

describe('驻村管理 labels', () => {
  it.each(enums)('%s: every value has a Chinese label', (kind, values) => {
    for (const value of values) expect(labelOf(kind, value)).toMatch(/[\u4e00-\u9fff]/);
  });
});
