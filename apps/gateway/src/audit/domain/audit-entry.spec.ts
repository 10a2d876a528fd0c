import { auditEntryOf, printable } from './audit-entry';

describe('audit entries', () => {
  it('keep control characters visible instead of raw (FerretDB refuses a NUL byte, and the entry was lost)', () => {
    expect(printable('a\u0000b\u001fc\u007f', 100)).toBe('a\\u0000b\\u001fc\\u007f');
    const entry = auditEntryOf({
      started: Date.now(),
      caller: null,
      actorName: 'x\u0000y',
      method: 'GET',
      url: '/api/v1/households/%00x',
      resource: 'households',
      recordId: '\u0000x',
      status: 404,
      ip: '127.0.0.1',
      userAgent: 'ua\u0000',
    });
    expect(entry).toMatchObject({
      actorName: 'x\\u0000y',
      path: '/api/v1/households/%00x',
      recordId: '\\u0000x',
      userAgent: 'ua\\u0000',
    });
  });

  it('put a failed sign-in in the scope of the user it named', () => {
    const entry = auditEntryOf({
      started: Date.now(),
      caller: null,
      actorName: 'u-paired-cadre',
      actorGrants: [{ role: 'paired-cadre', unit: '621299101201' }],
      method: 'POST',
      url: '/api/v1/auth/login',
      resource: 'auth',
      recordId: null,
      status: 401,
      ip: '127.0.0.1',
      userAgent: undefined,
    });
    expect(entry.scopeCodes).toEqual(['621299', '621299101', '621299101201']);
    expect(entry.actorId).toBeNull();
  });
});
