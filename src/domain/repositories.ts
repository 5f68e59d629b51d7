import type { EntityOf } from './model';
import type { Repository } from './ports';

/** One typed repository per document type; all live in the tenant-partitioned `entities` container. */
export interface Repositories {
  tenants: Repository<EntityOf<'tenant'>>;
  members: Repository<EntityOf<'member'>>;
  invitations: Repository<EntityOf<'invitation'>>;
  memberships: Repository<EntityOf<'membership'>>;
  packages: Repository<EntityOf<'package'>>;
  benefits: Repository<EntityOf<'benefit'>>;
  seatPools: Repository<EntityOf<'seatPool'>>;
  seatAssignments: Repository<EntityOf<'seatAssignment'>>;
  audit: Repository<EntityOf<'audit'>>;
  marketingContacts: Repository<EntityOf<'marketingContact'>>;
  conversationRefs: Repository<EntityOf<'conversationRef'>>;
  seatRequests: Repository<EntityOf<'seatRequest'>>;
  noticeSubscriptions: Repository<EntityOf<'noticeSubscription'>>;
  notices: Repository<EntityOf<'notice'>>;
  leases: Repository<EntityOf<'lease'>>;
  enrollments: Repository<EntityOf<'enrollment'>>;
}
