import { villageStatistics } from './statistics';

describe('village statistics of requests', () => {
  it('counts by category, the on-time rate and the satisfaction', () => {
    const [v] = villageStatistics({
      byCategory: [
        { villageCode: '621299101201', category: 'infrastructure', n: 3 },
        { villageCode: '621299101201', category: 'medical', n: 1 },
      ],
      concluded: [
        { villageCode: '621299101201', late: false, n: 3 },
        { villageCode: '621299101201', late: true, n: 1 },
      ],
      ratings: [
        { villageCode: '621299101201', rating: 'satisfied', n: 2 },
        { villageCode: '621299101201', rating: 'basically_satisfied', n: 1 },
        { villageCode: '621299101201', rating: 'dissatisfied', n: 1 },
      ],
    });
    expect(v).toMatchObject({
      total: 4,
      byCategory: { infrastructure: 3, medical: 1, dispute: 0 },
      concluded: 4,
      concludedOnTime: 3,
      onTimeRate: 0.75,
      satisfactionRate: 0.75,
    });
  });

  it('has no rates where nothing was concluded or rated', () => {
    const [v] = villageStatistics({
      byCategory: [{ villageCode: '621299101202', category: 'other', n: 1 }],
      concluded: [],
      ratings: [],
    });
    expect(v).toMatchObject({ onTimeRate: null, satisfactionRate: null });
  });
});
