import { buildTree, levelOf, parentOf, shownTo } from './org-unit';

describe('org units (县 > 乡镇 > 村 > 组)', () => {
  it('knows the level and parent of a code', () => {
    expect([
      levelOf('621299'),
      levelOf('621299101'),
      levelOf('621299101201'),
      levelOf('62129910120101'),
    ]).toEqual(['county', 'town', 'village', 'group']);
    expect(levelOf('6212')).toBeNull();
    expect(parentOf('62129910120101')).toBe('621299101201');
    expect(parentOf('621299')).toBeNull();
  });

  it('builds a tree ordered by code; a unit without its parent is a root', () => {
    const unit = (code: string, name: string) => ({
      code,
      name,
      level: levelOf(code)!,
      parentCode: parentOf(code),
    });
    const tree = buildTree([
      unit('621299101202', '银杏村'),
      unit('621299101', 'XX镇'),
      unit('621299101201', '三联村'),
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0].children.map((c) => c.name)).toEqual(['三联村', '银杏村']);
  });
});

describe('which units a caller is shown', () => {
  const village = { all: false as const, counties: [], towns: [], villages: ['530102001001'] };
  it('shows the units in scope and those above them, not their neighbours', () => {
    expect(shownTo(village, '530102001001', true)).toBe(true);
    expect(shownTo(village, '530102001', false)).toBe(true);
    expect(shownTo(village, '530102', false)).toBe(true);
    expect(shownTo(village, '530102002', false)).toBe(false);
    expect(shownTo({ all: true }, '530102002', true)).toBe(true);
  });
});
