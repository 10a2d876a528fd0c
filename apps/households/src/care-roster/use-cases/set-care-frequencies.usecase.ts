import { Injectable } from '@nestjs/common';
import { covers, Principal, Scope } from '@lib/auth';
import { CareFrequenciesSetV1, createEvent } from '@lib/contracts';
import { SetFrequenciesBody } from '../care-roster.dto';
import { CareRosterStore } from '../care-roster.store';
import { ReadCareRoster } from './read-care-roster.usecase';
import { missing } from './roster-entry';

/** A county's own visit frequencies (days per group), announced as care-frequencies.set. */
@Injectable()
export class SetCareFrequencies {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly read: ReadCareRoster,
  ) {}

  async execute(caller: Principal, scope: Scope, body: SetFrequenciesBody) {
    if (!covers(scope, body.countyCode))
      throw missing('countyCode', `未找到该县 (no county ${body.countyCode} in your scope)`);
    const at = new Date();
    await this.roster.setFrequencies(
      { _id: body.countyCode, frequencies: body.frequencies, at, by: caller.sub },
      [
        createEvent({
          type: CareFrequenciesSetV1.type,
          source: 'households',
          subject: body.countyCode,
          time: at,
          data: {
            countyCode: body.countyCode,
            frequencies: body.frequencies,
            by: caller.sub,
            at: at.toISOString(),
          },
        }),
      ],
    );
    return this.read.frequencies(scope, body.countyCode);
  }
}
