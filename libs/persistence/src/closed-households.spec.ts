import { ConflictException } from '@nestjs/common';
import { refuseIfClosed } from './closed-households';

describe('refuseIfClosed (注销: no new work for a closed household)', () => {
  it('lets an open household through', () => {
    expect(() => refuseIfClosed({}, 'householdId', '不再走访')).not.toThrow();
  });

  it('refuses a closed one with 409 naming the field, the day and what is no longer done', () => {
    let refused: unknown;
    try {
      refuseIfClosed({ closedOn: '2026-05-01', closureReason: 'death' }, 'householdId', '不能再建立利益联结');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(ConflictException);
    const body = (refused as ConflictException).getResponse();
    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '该户已于 2026-05-01 注销，不能再建立利益联结 (the household is closed)',
      problems: [
        {
          field: 'householdId',
          reason: '该户已于 2026-05-01 注销，不能再建立利益联结 (the household is closed)',
        },
      ],
    });
  });

  it('says why when asked (the reason in Chinese)', () => {
    expect(() =>
      refuseIfClosed({ closedOn: '2026-05-01', closureReason: 'death' }, 'householdId', '不再走访', {
        withReason: true,
      }),
    ).toThrow('该户已于 2026-05-01 注销（死亡），不再走访 (the household is closed)');
  });
});
