import { decodeEvent, EventCatalog, orgUnitsOfVillage } from '@lib/contracts';
import * as factories from './index';
import { householdRegistered, surveyRecorded } from './index';

const eventFactories = Object.entries(factories).filter(
  ([name, f]) => typeof f === 'function' && !['eventFactory', 'testId', 'placeOf'].includes(name),
) as Array<[string, () => { type: string }]>;

describe('event factories (libs/testing/src/factories)', () => {
  it('cover every event type of the catalogue, one factory each', () => {
    const types = eventFactories.map(([, f]) => f().type).sort();
    expect(types).toEqual(Object.keys(EventCatalog).sort());
  });

  it.each(eventFactories)('%s builds an event valid by its contract', (_name, factory) => {
    const result = decodeEvent(JSON.stringify(factory()));
    expect(result).toMatchObject({ ok: true, known: true });
  });

  it('takes overrides of the data and the envelope, and places the envelope from the data', () => {
    const place = orgUnitsOfVillage('530102001001');
    const e = householdRegistered({ householdId: 'hh-1', ...place }, { id: 'ev-1', source: 'test' });
    expect(e).toMatchObject({
      id: 'ev-1',
      source: 'test',
      subject: 'hh-1',
      townid: '530102001',
      villageid: '530102001001',
      data: { householdId: 'hh-1', countyCode: '530102', villageCode: '530102001001' },
    });
    expect(decodeEvent(JSON.stringify(e)).ok).toBe(true);
  });

  it('makes fresh ids on each call', () => {
    expect(surveyRecorded().data.surveyId).not.toBe(surveyRecorded().data.surveyId);
    expect(surveyRecorded().id).not.toBe(surveyRecorded().id);
  });
});
