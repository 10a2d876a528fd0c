import { idDocumentProblem } from '@lib/contracts';
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

describe('证件类型: each kind of ID document has its own check', () => {
  const id = (first17: string) => first17 + checkCharOf(first17);
  it('accepts well-formed numbers of every kind and says what is wrong with the others', () => {
    expect(idDocumentProblem('disability_cert', `${id('62129919950505002')}24`, '1995-05-05')).toBeNull();
    expect(idDocumentProblem('disability_cert', `${id('62129919950505002')}85`, '1995-05-05')).toContain(
      '20位',
    );
    expect(idDocumentProblem('hmt_residence_permit', id('81000019900101001'), '1990-01-01')).toBeNull();
    expect(idDocumentProblem('hmt_residence_permit', id('62129919900101001'), '1990-01-01')).toContain(
      '810000',
    );
    expect(idDocumentProblem('hk_macao_permit', 'h12345678', '1990-01-01')).toBeNull();
    expect(idDocumentProblem('hk_macao_permit', 'X12345678', '1990-01-01')).toContain('H或M');
    expect(idDocumentProblem('taiwan_permit', '1234567', '1990-01-01')).toContain('8位数字');
    expect(idDocumentProblem('foreign_permanent_id', 'USA123456789012', '1990-01-01')).toBeNull();
    expect(idDocumentProblem('foreign_permanent_id', id('93310019900101001'), '1990-01-01')).toBeNull();
    expect(idDocumentProblem('passport', 'E1', '1990-01-01')).toContain('5-17');
  });
  it('masks a short permit number without showing it whole', () => {
    expect(maskIdNumber('H12345678')).toBe('H******78');
    expect(maskIdNumber(id('62129919700101001'))).toMatch(/^6212\*{10}\d{3}[\dX]$/);
  });
});
