import { checkCharOf, idNumberProblem, maskIdNumber, maskPhone } from './id-number';

const valid = (first17: string) => first17 + checkCharOf(first17);

describe('ID numbers (GB 11643)', () => {
  it('accepts a number whose check character and birth date match', () => {
    expect(idNumberProblem('11010519491231002X', '1949-12-31')).toBeNull();
    expect(idNumberProblem(valid('53010219800101123'), '1980-01-01')).toBeNull();
  });

  it('refuses wrong length, wrong check character, unreal or mismatching birth dates', () => {
    expect(idNumberProblem('1101051949123100', '1949-12-31')).toMatch(/18/);
    expect(idNumberProblem('110105194912310021', '1949-12-31')).toMatch(/校验位/);
    expect(idNumberProblem(valid('53010219800231123'), '1980-02-31')).toMatch(/无效/);
    expect(idNumberProblem(valid('53010219800101123'), '1980-01-02')).toMatch(/不符/);
  });

  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('530102198001011234')).toBe('5301**********1234');
    expect(maskPhone('13800000000')).toBe('138****0000');
  });
});
