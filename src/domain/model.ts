import { z } from 'zod';
import { roleSchema } from './roles';

/**
 * Every document the bot stores. Each carries `type` and `tenantId` (the partition key) and a
 * deterministic `id` where a duplicate must be impossible. Dates that are whole days (expiry)
 * are `YYYY-MM-DD` in UTC; instants are ISO-8601 timestamps.
 */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const isoInstant = z.iso.datetime({ offset: true });
export const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
export const localeSchema = z.enum(['en-US', 'zh-CN']);
export type Locale = z.infer<typeof localeSchema>;

const base = { tenantId: guid };

export const tenantSchema = z.object({
  ...base,
  type: z.literal('tenant'),
  id: z.literal('tenant'),
  name: z.string().min(1).max(200),
  /** Language of channel notices; people's own chats follow their Teams locale. */
  locale: localeSchema.default('en-US'),
  createdAt: isoInstant,
});
export type Tenant = z.infer<typeof tenantSchema>;

export const memberSchema = z.object({
  ...base,
  type: z.literal('member'),
  id: z.string().startsWith('member:'),
  aadObjectId: guid,
  name: z.string().max(200),
  email: z.string().max(320).optional(),
  /** Teams user id (`29:…`), known once the person has talked to the bot; used by refresh.userIds. */
  teamsUserId: z.string().max(500).optional(),
  roles: z.array(roleSchema).max(4),
  guest: z.boolean().default(false),
  /** Explicit language choice ("speak Chinese"); otherwise the Teams locale of each turn. */
  preferredLocale: localeSchema.optional(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Member = z.infer<typeof memberSchema>;
export const memberId = (aadObjectId: string): string => `member:${aadObjectId.toLowerCase()}`;

export const competencySchema = z.object({
  area: z.string().min(1).max(100),
  tier: z.enum(['silver', 'gold']),
});
export type Competency = z.infer<typeof competencySchema>;

export const membershipLevelSchema = z.enum(['network', 'actionPack', 'competency']);
export type MembershipLevel = z.infer<typeof membershipLevelSchema>;

export const membershipSchema = z.object({
  ...base,
  type: z.literal('membership'),
  id: z.literal('membership'),
  partnerId: z.string().max(50).optional(),
  level: membershipLevelSchema,
  competencies: z.array(competencySchema).default([]),
  status: z.enum(['draft', 'awaitingEmailConfirmation', 'underReview', 'active']),
  accountEmail: z.string().max(320).optional(),
  enrolledOn: isoDate.optional(),
  expiresOn: isoDate.optional(),
});
export type Membership = z.infer<typeof membershipSchema>;

/** Offer type of a package: which programme tier it comes from. */
export const offerTypeSchema = z.enum(['actionPack', 'silver', 'gold']);
export type OfferType = z.infer<typeof offerTypeSchema>;

export const packageSchema = z.object({
  ...base,
  type: z.literal('package'),
  id: z.string().startsWith('package:'),
  name: z.string().min(1).max(200),
  offerType: offerTypeSchema,
  purchasedOn: isoDate,
  expiresOn: isoDate,
  status: z.enum(['active', 'cancelled']),
  cancellation: z.object({ by: guid, at: isoInstant, refundRequested: z.literal(true) }).optional(),
});
export type BenefitPackage = z.infer<typeof packageSchema>;

export const productKeySchema = z
  .string()
  .regex(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/, 'a product key is five groups of five letters or digits');

const softwareDetails = z.object({
  category: z.literal('software'),
  products: z
    .array(
      z.object({
        productId: z.string().min(1).max(100),
        name: z.string().min(1).max(200),
        languages: z.array(z.string().min(2).max(20)).min(1),
        osTypes: z.array(z.string().min(1).max(50)).min(1),
        downloadUrl: z.url(),
        instructions: z.string().max(1000).optional(),
        keys: z.array(z.object({ language: z.string(), osType: z.string(), key: productKeySchema })).min(1),
      }),
    )
    .min(1),
  /** Set on the first reveal: a viewed key counts as activation for cancellation. */
  firstRevealedAt: isoInstant.optional(),
});

const monthlyCreditDetails = z.object({
  category: z.literal('azureMonthlyCredit'),
  amountPerMonthUsd: z.number().positive(),
  maxUsers: z.number().int().positive(),
  users: z.array(guid),
});

const bulkCreditDetails = z.object({
  category: z.literal('azureBulkCredit'),
  amountPerYearUsd: z.union([z.literal(6000), z.literal(12000), z.literal(13000)]),
  holder: guid.optional(),
  enrollmentYearStart: isoDate,
  /** Other licensing, prepaid or credit offers this credit is already tied to: none may be combined. */
  combinedWith: z.array(z.string()).default([]),
});

const licenceDetails = z.object({
  category: z.literal('licence'),
  product: z.string().min(1).max(200),
  activeSeats: z.number().int().min(0),
  endDate: isoDate.optional(),
  keys: z.array(
    z.object({
      keyId: z.string().min(1).max(100),
      seats: z.number().int().positive(),
      key: productKeySchema,
      redeemedBy: guid.optional(),
      redeemedAt: isoInstant.optional(),
    }),
  ),
});

const visualStudioDetails = z.object({
  category: z.literal('visualStudio'),
  poolId: z.string().startsWith('pool:'),
});

const technicalDetails = z.object({
  category: z.literal('technical'),
  kind: z.enum(['cloudSignatureSupport', 'onPremisesIncidents', 'presalesDeployment', 'advisoryHours']),
  allowance: z.number().int().min(0),
  used: z.number().int().min(0).default(0),
  unit: z.enum(['incidents', 'hours']),
  status: z.enum(['notActivated', 'pending', 'active']),
  requestedOn: isoInstant.optional(),
  accessId: z.string().max(50).optional(),
  contractId: z.string().max(50).optional(),
});

const gtmDetails = z.object({
  category: z.literal('gtm'),
  offer: z.string().min(1).max(200),
  status: z.enum(['notActivated', 'pending', 'active']),
  requestedOn: isoInstant.optional(),
});

export const benefitDetailsSchema = z.discriminatedUnion('category', [
  softwareDetails,
  monthlyCreditDetails,
  bulkCreditDetails,
  licenceDetails,
  visualStudioDetails,
  technicalDetails,
  gtmDetails,
]);
export type BenefitDetails = z.infer<typeof benefitDetailsSchema>;
export type BenefitCategory = BenefitDetails['category'];

export const benefitSchema = z.object({
  ...base,
  type: z.literal('benefit'),
  id: z.string().startsWith('benefit:'),
  packageId: z.string().startsWith('package:'),
  name: z.string().min(1).max(200),
  benefitType: z.enum(['core', 'incremental']),
  quantity: z.number().int().min(0),
  /** Last day to activate or redeem it. */
  expiresOn: isoDate,
  details: benefitDetailsSchema,
});
export type Benefit = z.infer<typeof benefitSchema>;

export const seatPoolSchema = z.object({
  ...base,
  type: z.literal('seatPool'),
  id: z.string().startsWith('pool:'),
  subscription: z.string().min(1).max(200),
  seats: z.number().int().min(0).max(1000),
  benefitId: z.string().startsWith('benefit:'),
  expiresOn: isoDate,
});
export type SeatPool = z.infer<typeof seatPoolSchema>;

/** One per occupied seat: the deterministic id makes two assignments of one seat impossible. */
export const seatAssignmentSchema = z.object({
  ...base,
  type: z.literal('seatAssignment'),
  id: z.string().startsWith('assignment:'),
  poolId: z.string().startsWith('pool:'),
  seatNo: z.number().int().min(1),
  assignee: guid,
  assignedBy: guid,
  /** When the seat was first given to anyone: the 90-day reassignment clock runs from here. */
  originalAssignedAt: isoInstant,
  assignedAt: isoInstant,
});
export type SeatAssignment = z.infer<typeof seatAssignmentSchema>;
export const assignmentId = (poolId: string, seatNo: number): string => `assignment:${poolId}:${seatNo}`;

export const auditSchema = z.object({
  ...base,
  type: z.literal('audit'),
  id: z.string().startsWith('audit:'),
  at: isoInstant,
  actor: guid,
  action: z.string().min(1).max(100),
  target: z.string().max(300).optional(),
  outcome: z.enum(['success', 'denied', 'rejected', 'failed']),
  detail: z.string().max(500).optional(),
});
export type AuditRecord = z.infer<typeof auditSchema>;

export const entitySchemas = {
  tenant: tenantSchema,
  member: memberSchema,
  membership: membershipSchema,
  package: packageSchema,
  benefit: benefitSchema,
  seatPool: seatPoolSchema,
  seatAssignment: seatAssignmentSchema,
  audit: auditSchema,
} as const;
export type EntityType = keyof typeof entitySchemas;
export type EntityOf<K extends EntityType> = z.infer<(typeof entitySchemas)[K]>;
export type Entity = EntityOf<EntityType>;
