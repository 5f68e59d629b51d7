import type { ZodType } from 'zod';
import { entitySchemas, type EntityOf, type EntityType } from '../domain/model';
import type { Repository } from '../domain/ports';
import type { Repositories } from '../domain/repositories';

/** Builds the repository of one document type from its type name and schema. */
export type RepositoryMaker = <K extends EntityType>(
  type: K,
  schema: ZodType<EntityOf<K>>,
) => Repository<EntityOf<K>>;

const schemaOf = <K extends EntityType>(type: K): ZodType<EntityOf<K>> =>
  entitySchemas[type] as unknown as ZodType<EntityOf<K>>;

/** Every typed repository, made the same way (the Cosmos store and the in-memory one share this). */
export function allRepositories(make: RepositoryMaker): Repositories {
  const of = <K extends EntityType>(type: K) => make(type, schemaOf(type));
  return {
    tenants: of('tenant'),
    members: of('member'),
    invitations: of('invitation'),
    memberships: of('membership'),
    packages: of('package'),
    benefits: of('benefit'),
    seatPools: of('seatPool'),
    seatAssignments: of('seatAssignment'),
    audit: of('audit'),
    marketingContacts: of('marketingContact'),
    conversationRefs: of('conversationRef'),
    seatRequests: of('seatRequest'),
    noticeSubscriptions: of('noticeSubscription'),
    notices: of('notice'),
    leases: of('lease'),
    enrollments: of('enrollment'),
  };
}
