import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { HouseholdClosedV1, HouseholdRegisteredV1 } from '@lib/contracts';
import { HouseholdDirectory } from './household-directory.store';

/** households.events.v1 → monitoring's read model of the registry. */
@Controller()
export class HouseholdDirectoryConsumer {
  constructor(private readonly directory: HouseholdDirectory) {}

  @EventPattern(HouseholdRegisteredV1.type)
  onRegistered(e: HouseholdRegisteredV1) {
    return this.directory.registered(e);
  }

  /** 注销: no more surveys, out of coverage. */
  @EventPattern(HouseholdClosedV1.type)
  onClosed(e: HouseholdClosedV1) {
    return this.directory.closed(e);
  }

  // GET api/v1/monitored-households/:id (with the household's income) is served by
  // household-income/household-income.controller.ts
}
