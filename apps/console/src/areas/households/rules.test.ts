import { describe, expect, it } from 'vitest';
import { checkCharOf } from '@lib/contracts/id-number';
import { ApiError } from '@/api/client';
import {
  all,
  fieldErrors,
  idNumberFor,
  maxLength,
  notBefore,
  notFuture,
  phone,
  realDay,
  required,
  today,
} from './rules';

const valid = (first17: string) => first17 + checkCharOf(first17);

describe('form rules (the API’s, as the user types)', () => {
  it('required and length', () => {
    expect(required('户编号')('  ')).toBe('请填写户编号');
    expect(required('户编号')('01001')).toBeNull();
    expect(maxLength(3)('abcd')).toBe('不超过 3 个字');
    expect(all(required('姓名'), maxLength(2))('王德明')).toBe('不超过 2 个字');
  });

  it('phones: mobiles and landlines, empty allowed', () => {
    expect(phone('13800000000')).toBeNull();
    expect(phone('0931-8123456')).toBeNull();
    expect(phone('')).toBeNull();
    expect(phone('12345')).toMatch(/手机号/);
  });

  it('dates: real days, not in the future, not before another', () => {
    expect(realDay('2026-02-30')).toMatch(/有效日期/);
    expect(realDay('2026-02-28')).toBeNull();
    expect(notFuture('2999-01-01')).toMatch(/将来/);
    expect(notFuture(today())).toBeNull();
    expect(notBefore(() => '2026-03-01', '开始日期')('2026-02-01')).toBe('不能早于开始日期');
    expect(notBefore(() => '2026-03-01', '开始日期')('2026-03-01')).toBeNull();
  });

  it('ID numbers: check character and the member’s birth date, in Chinese only', () => {
    const id = valid('62129919800101123');
    expect(idNumberFor(() => '1980-01-01')(id.toLowerCase())).toBeNull();
    expect(idNumberFor(() => '1980-01-02')(id)).toMatch(/^身份证号中的出生日期 1980-01-01 与出生日期不符$/);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(idNumberFor(() => '1980-01-01')(wrong)).toBe('身份证号校验位错误');
    expect(idNumberFor(() => undefined)(id)).toBe('请先填写出生日期');
    expect(idNumberFor(() => undefined)('')).toBeNull();
  });

  it('maps the API’s field problems onto the form’s fields', () => {
    const e = new ApiError(400, '输入有误', [
      { field: 'members.0.idNumber', reason: '身份证号校验位错误' },
      { field: 'householdNumber', reason: 'already registered in this village' },
    ]);
    expect(fieldErrors(e, 'members.0.')).toEqual({
      idNumber: '身份证号校验位错误',
      householdNumber: 'already registered in this village',
    });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
