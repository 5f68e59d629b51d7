import type { ActivationSettings } from './activation';
import { AuditLog } from './audit';
import { Authorizer } from './authorizer';
import { BenefitActions } from './benefitActions';
import { Directory } from './directory';
import { DirectoryAdmin } from './directoryAdmin';
import { EnrollmentService } from './enrollment';
import { GoToMarket } from './gtm';
import { Installations } from './installations';
import { MEMBERSHIP_CATALOGUE } from './membershipCatalogue';
import { MembershipRecords } from './membershipRecords';
import { NoticeSubscriptions } from './noticeSubscriptions';
import type { Clock } from './ports';
import type { Repositories } from './repositories';
import { Reports } from './reports';
import { RoleAdmin } from './roleAdmin';
import { SeatService } from './seats';
import { SupportBenefits } from './support';

export interface DomainSettings {
  /** Object ids made Global admin on first contact (BOOTSTRAP_ADMINS). */
  bootstrapAdmins: readonly string[];
  /** Processing delays of technical benefits and Go-To-Market offers; manual completion in local mode. */
  activation: ActivationSettings;
}

/**
 * Every domain service, each built once over the same repositories, clock and audit log: the
 * composition root (called by src/app.ts). Handlers and dialogs reach the domain only through
 * these, never through the repositories. A new service is one line here; its type follows.
 */
export function createDomainServices(repos: Repositories, clock: Clock, settings: DomainSettings) {
  const audit = new AuditLog(repos.audit, clock);
  const authorizer = new Authorizer(repos, audit, clock);
  return {
    audit,
    authorizer,
    directory: new Directory(repos, clock, settings.bootstrapAdmins),
    directoryAdmin: new DirectoryAdmin(repos, audit, clock, authorizer),
    roleAdmin: new RoleAdmin(repos, audit, clock),
    seats: new SeatService(repos, audit, clock),
    benefitActions: new BenefitActions(repos, clock, audit),
    enrollment: new EnrollmentService(repos, audit, clock, MEMBERSHIP_CATALOGUE),
    support: new SupportBenefits(repos, audit, clock, settings.activation),
    gtm: new GoToMarket(repos, audit, clock, settings.activation),
    installations: new Installations(repos, clock),
    memberships: new MembershipRecords(repos),
    noticeSubscriptions: new NoticeSubscriptions(repos),
    reports: new Reports(repos, clock),
  };
}

export type DomainServices = ReturnType<typeof createDomainServices>;
