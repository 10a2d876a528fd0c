import { parseSecrets } from './integration-clients';

describe('integration clients from INTEGRATION_SECRETS', () => {
  it('binds each client to its org unit', () => {
    const clients = parseSecrets(' gps:s3cr@t@621299101201 , app:x@621299 ');
    expect(clients.get('gps')).toEqual({ secret: 's3cr@t', unit: '621299101201' });
    expect(clients.get('app')).toEqual({ secret: 'x', unit: '621299' });
    expect(parseSecrets('').size).toBe(0);
  });

  it.each(['gps:secret', 'gps:secret@', 'gps:@621299', ':secret@621299', 'gps:secret@62129'])(
    'refuses %s (no unit, no secret, no id or not a unit code)',
    (spec) => {
      expect(() => parseSecrets(spec)).toThrow(RangeError);
    },
  );
});
