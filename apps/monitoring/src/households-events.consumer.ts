import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import {
  HouseholdClosedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
} from '@lib/contracts';
import { CoverageService } from './coverage/coverage.service';
import { IndexMembers } from './department-facts/use-cases/index-members.usecase';
import { HouseholdDirectory } from './household-directory/household-directory.store';

/**
 * households.events.v1 → monitoring: the one place that hands the registry's events to the features
 * keeping a read model of households (the consumer takes one handler per event type). The directory
 * first; then coverage and the member-hash index of department facts. Every step is idempotent, and a
 * failure fails the event, which is retried. Features inside monitoring hear of each other's changes
 * only through monitoring.events.v1 (survey.recorded.v1 → coverage, household-income.changed.v1 →
 * forecast), never in process.
 */
@Controller()
export class HouseholdsEventsConsumer {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly coverage: CoverageService,
    private readonly facts: IndexMembers,
  ) {}

  @EventPattern(HouseholdRegisteredV1.type)
  async onRegistered(e: HouseholdRegisteredV1) {
    // a registration redelivered after the household was closed stays out of the other read models
    if (!(await this.directory.registered(e))) return;
    await this.coverage.householdRegistered(e);
    await this.facts.householdRegistered(e);
  }

  /** 注销: no more surveys (the directory), out of coverage. */
  @EventPattern(HouseholdClosedV1.type)
  async onClosed(e: HouseholdClosedV1) {
    await this.directory.closed(e);
    await this.coverage.householdClosed(e);
  }

  /** The directory's member count (常住人口 ≤ 家庭人口), then the member-hash index. */
  @EventPattern(HouseholdMemberAddedV1.type)
  async onMemberAdded(e: HouseholdMemberAddedV1) {
    await this.directory.memberAdded(e);
    await this.facts.memberAdded(e);
  }

  @EventPattern(HouseholdMemberRemovedV1.type)
  async onMemberRemoved(e: HouseholdMemberRemovedV1) {
    await this.directory.memberRemoved(e);
    await this.facts.memberRemoved(e);
  }
}
