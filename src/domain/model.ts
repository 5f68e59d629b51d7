import { z } from 'zod';
import { benefitSchema, packageSchema } from './benefitModel';
import { guid, isoDate, isoInstant, localeSchema, tenantScoped, type Locale } from './modelPrimitives';
import { roleSchema } from './roles';

/**
 * Every document the bot stores. Each carries `type` and `tenantId` (the partition key) and a
 * deterministic `id` where a duplicate must be impossible. Dates that are whole days (expiry)
 * are `YYYY-MM-DD` in UTC; instants are ISO-8601 timestamps.
 */

export { guid, isoDate, isoInstant, localeSchema, type Locale } from './modelPrimitives';
export * from './benefitModel';

const base = tenantScoped;

export const tenantSchema = z.object({
  ...base,
  type: z.literal('tenant'),
  id: z.literal('tenant'),
  name: z.string().min(1).max(200),
  /** Language of channel notices; people's own chats follow their Teams locale. */
  locale: localeSchema.default('en-US'),
  /** Team channel where seat requests are posted for approval (else: each Global admin's chat). */
  approvalsConversationId: z.string().max(500).optional(),
  /** Days before expiry at which channels are reminded (an "expired" notice always follows). */
  noticeThresholds: z.array(z.number().int().min(1).max(365)).min(1).max(6).optional(),
  /** How often channels with expiry reminders get the utilisation digest (unset: weekly). */
  usageDigest: z.enum(['weekly', 'monthly', 'off']).optional(),
  createdAt: isoInstant,
});
export type Tenant = z.infer<typeof tenantSchema>;

export const memberSchema = z.object({
  ...base,
  type: z.literal('member'),
  id: z.string().startsWith('member:'),
  aadObjectId: guid,
  name: z.string().max(200),
  /** The person's name in Chinese characters, for people who have one ("吴芳"): names match it too. */
  chineseName: z.string().max(100).optional(),
  email: z.string().max(320).optional(),
  /** Teams user id (`29:…`), known once the person has talked to the bot; used by refresh.userIds. */
  teamsUserId: z.string().max(500).optional(),
  /** The person's 1:1 chat with the bot, once known: where the bot tells them things. */
  personalConversationId: z.string().max(500).optional(),
  roles: z.array(roleSchema).max(4),
  guest: z.boolean().default(false),
  /** Explicit language choice ("speak Chinese"); otherwise the Teams locale of each turn. */
  preferredLocale: localeSchema.optional(),
  /** The language the bot last answered their written words in (what they wrote, else Teams locale). */
  lastLocale: localeSchema.optional(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Member = z.infer<typeof memberSchema>;
/**
 * The one language of a person wherever they are not writing right now (card presses, proactive
 * notices): their explicit choice, else the language they were last answered in, else `fallback`.
 */
export const personLocale = (
  member: Pick<Member, 'preferredLocale' | 'lastLocale'> | undefined,
  fallback: Locale,
): Locale => member?.preferredLocale ?? member?.lastLocale ?? fallback;
export const memberId = (aadObjectId: string): string => `member:${aadObjectId.toLowerCase()}`;

/**
 * A person an admin added by name and work e-mail who has not talked to the bot yet: they become
 * a member (with this guest flag) the first time they do, matched by their e-mail or UPN.
 */
export const invitationSchema = z.object({
  ...base,
  type: z.literal('invitation'),
  id: z.string().startsWith('invitation:'),
  name: z.string().min(1).max(200),
  email: z.email().max(320),
  guest: z.boolean(),
  addedBy: guid,
  addedAt: isoInstant,
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationId = (email: string): string => `invitation:${email.trim().toLowerCase()}`;

export const competencySchema = z.object({
  area: z.string().min(1).max(100),
  tier: z.enum(['silver', 'gold']),
});
export type Competency = z.infer<typeof competencySchema>;

export const membershipLevelSchema = z.enum(['network', 'actionPack', 'competency']);
export type MembershipLevel = z.infer<typeof membershipLevelSchema>;

/** An application for a competency (solution area + tier), decided by the programme's review. */
export const competencyApplicationSchema = z.object({
  id: z.string().startsWith('application:').max(200),
  /** Catalogue id of the solution area. */
  area: z.string().min(1).max(100),
  tier: z.enum(['silver', 'gold']),
  status: z.enum(['pending', 'approved', 'declined']),
  appliedBy: guid,
  appliedAt: isoInstant,
  /** The applicant's language, for telling them the decision. */
  locale: localeSchema.default('en-US'),
  decidedAt: isoInstant.optional(),
  reason: z.string().max(500).optional(),
});
export type CompetencyApplication = z.infer<typeof competencyApplicationSchema>;

export const membershipSchema = z.object({
  ...base,
  type: z.literal('membership'),
  id: z.literal('membership'),
  partnerId: z.string().max(50).optional(),
  level: membershipLevelSchema,
  competencies: z.array(competencySchema).default([]),
  /** Competency applications and their reviews (absent: none yet). */
  applications: z.array(competencyApplicationSchema).max(100).optional(),
  status: z.enum(['draft', 'awaitingEmailConfirmation', 'underReview', 'active']),
  accountEmail: z.string().max(320).optional(),
  enrolledOn: isoDate.optional(),
  expiresOn: isoDate.optional(),
});
export type Membership = z.infer<typeof membershipSchema>;

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
  /** The request this assignment approved, if any (lets an interrupted approval finish). */
  requestId: z.string().optional(),
  /** When this seat document was first given to anyone (history; the 90-day clock uses `assignedAt`). */
  originalAssignedAt: isoInstant,
  /** When the seat was given to its holder: the 90-day reassignment clock runs from here. */
  assignedAt: isoInstant,
  /**
   * Set when the seat was released before its 90 days were over: the document stays (so no one
   * else can take seat n) and the seat is reserved until `freeOn`, the first day it may be given
   * to someone else. `assignee` then names the person it was released from.
   */
  released: z.object({ at: isoInstant, by: guid, freeOn: isoDate }).optional(),
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

/**
 * An organisation's enrolment (one per tenant): what the enrolling Global admin gave, the e-mail
 * check of the primary contact (only a salted hash of the one-time code is kept), the agreement
 * acceptance and the review. The membership document carries the status.
 */
export const enrollmentSchema = z.object({
  ...base,
  type: z.literal('enrollment'),
  id: z.literal('enrollment'),
  startedBy: guid,
  startedAt: isoInstant,
  updatedAt: isoInstant,
  company: z
    .object({
      legalName: z.string().min(1).max(200),
      street: z.string().min(1).max(200),
      city: z.string().min(1).max(100),
      region: z.string().max(100).optional(),
      postalCode: z.string().min(1).max(20),
      country: z.string().min(2).max(100),
    })
    .optional(),
  contact: z
    .object({
      name: z.string().min(1).max(200),
      email: z.email().max(320),
      /** A free-mail address the enrolling person chose to keep after being warned. */
      freeMailAccepted: z.boolean().default(false),
    })
    .optional(),
  /** The live one-time code: scrypt hash with its own salt, never the code itself. */
  verification: z
    .object({
      email: z.email().max(320),
      salt: z.string().regex(/^[0-9a-f]{32}$/),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      issuedAt: isoInstant,
      expiresAt: isoInstant,
      attempts: z.number().int().min(0),
    })
    .optional(),
  /** When codes were issued (the last 24 hours are kept), to limit how many are sent. */
  codesIssuedAt: z.array(isoInstant).max(50).default([]),
  emailConfirmed: z.object({ email: z.email().max(320), at: isoInstant, by: guid }).optional(),
  agreement: z
    .object({
      version: z.string().max(20),
      acceptedBy: guid,
      acceptedAt: isoInstant,
      authorityConfirmed: z.literal(true),
    })
    .optional(),
  /** What happened at the Admin agent check: already in the group, added, or declined. */
  adminAgent: z
    .object({ outcome: z.enum(['alreadyMember', 'added', 'declined']), at: isoInstant })
    .optional(),
  submitted: z.object({ by: guid, at: isoInstant }).optional(),
  approved: z.object({ by: guid, at: isoInstant }).optional(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

/**
 * Where the bot can post proactively: saved when the app is installed in a personal chat, group
 * chat or team (and when a person first talks to it), marked inactive when it is removed or a send
 * says the bot is gone. The reference is exactly what Teams sent on an authenticated activity.
 */
export const conversationRefSchema = z.object({
  ...base,
  type: z.literal('conversationRef'),
  id: z.string().startsWith('conv:'),
  conversationId: z.string().min(1).max(500),
  scope: z.enum(['personal', 'groupChat', 'channel']),
  serviceUrl: z.url(),
  botId: z.string().max(500),
  /** personal: whose chat this is. */
  aadObjectId: guid.optional(),
  teamId: z.string().max(500).optional(),
  teamName: z.string().max(300).optional(),
  channelName: z.string().max(300).optional(),
  active: z.boolean(),
  /** Why it went inactive (uninstalled, 403, 404). */
  inactiveReason: z.string().max(200).optional(),
  /**
   * When the welcome of this install was sent: Teams (and the Agents Playground, on every page
   * load) sends install events more than once, the welcome goes out once per install.
   */
  welcomedAt: isoInstant.optional(),
  updatedAt: isoInstant,
});
export type ConversationRef = z.infer<typeof conversationRefSchema>;
/** Cosmos ids may not contain / \ ? #; Teams conversation ids may not either, but be safe. */
export const conversationRefId = (conversationId: string): string =>
  `conv:${conversationId.replace(/[/\\?#]/g, '_')}`;

/** A message the bot posted that must be updated later (every copy of an approval card). */
export const postedCardSchema = z.object({
  conversationId: z.string(),
  /** A channel post is its own thread. */
  threadId: z.string().optional(),
  activityId: z.string(),
});

export const seatRequestSchema = z.object({
  ...base,
  type: z.literal('seatRequest'),
  /** `seatRequest:<pool slug>:<requester>:<n>`: the n-th request of that person for that pool. */
  id: z.string().startsWith('seatRequest:'),
  poolId: z.string().startsWith('pool:'),
  requester: guid,
  requesterName: z.string().max(200),
  justification: z.string().max(500),
  /** The requester's language, for telling them the outcome later. */
  locale: localeSchema.default('en-US'),
  status: z.enum(['pending', 'approving', 'approved', 'rejected']),
  createdAt: isoInstant,
  /** Set while an approver holds the claim (approving); a stale claim can be taken over. */
  claimedAt: isoInstant.optional(),
  /** Who holds the claim: their own retry may take it over at once (their earlier try failed). */
  claimedBy: guid.optional(),
  decision: z
    .object({
      by: guid,
      byName: z.string().max(200),
      at: isoInstant,
      reason: z.string().max(500).optional(),
      seatNo: z.number().int().min(1).optional(),
    })
    .optional(),
  cards: z.array(postedCardSchema).max(100).default([]),
});
export type SeatRequest = z.infer<typeof seatRequestSchema>;

/** The company marketing contact for Go-To-Market offers: one per tenant. */
export const marketingContactSchema = z.object({
  ...base,
  type: z.literal('marketingContact'),
  id: z.literal('marketingContact'),
  /** A person of the tenant's directory. */
  aadObjectId: guid,
  name: z.string().max(200),
  email: z.email().max(320),
  /** E.164: `+` and 8 to 15 digits, no spaces: what is compared and validated. */
  phone: z.string().regex(/^\+[1-9]\d{7,14}$/),
  /**
   * The number as the person typed it ("+86 21 5555 0100"), for display; older documents have
   * none (they show a grouping of `phone`).
   */
  phoneAsTyped: z.string().max(40).optional(),
  /** BCP 47 code from the support catalogue's contact languages. */
  language: z.string().min(2).max(20),
  setBy: guid,
  setAt: isoInstant,
});
export type MarketingContact = z.infer<typeof marketingContactSchema>;

/** A channel that receives expiry notices, and which kinds of item it wants. */
export const noticeSubscriptionSchema = z.object({
  ...base,
  type: z.literal('noticeSubscription'),
  id: z.string().startsWith('subscription:'),
  conversationId: z.string().min(1).max(500),
  /** Empty = every kind of item. */
  categories: z.array(z.string().max(50)).max(20).default([]),
  active: z.boolean(),
  createdBy: guid,
  createdAt: isoInstant,
  disabledReason: z.string().max(200).optional(),
  /** The channel's language: the one it was subscribed in (older subscriptions: the tenant's). */
  locale: localeSchema.optional(),
  /** The last few scans of this channel (newest first), for the delivery report. */
  recentScans: z
    .array(
      z.object({
        at: isoInstant,
        sent: z.number().int().min(0),
        failed: z.number().int().min(0),
        skipped: z.number().int().min(0),
        /** Notices that went out only after Teams asked the bot to slow down. */
        retried: z.number().int().min(0).default(0),
      }),
    )
    .max(5)
    .optional(),
});
export type NoticeSubscription = z.infer<typeof noticeSubscriptionSchema>;
export const subscriptionId = (conversationId: string): string =>
  `subscription:${conversationId.replace(/[/\\?#]/g, '_')}`;

/**
 * delivered · botRemoved (403) · conversationGone (404) · throttled (429/5xx retried, still failed:
 * retried next run) · ambiguous (500 or no answer: Teams may have shown it, never resent by itself) ·
 * rejected (another 4xx: certainly not posted).
 */
export const noticeOutcomeSchema = z.enum([
  'delivered',
  'botRemoved',
  'conversationGone',
  'throttled',
  'ambiguous',
  'rejected',
]);
export type NoticeOutcome = z.infer<typeof noticeOutcomeSchema>;

/**
 * The idempotency record of one notice: created (pending) before the send, so a crash or a second
 * scanner never sends the same item, threshold and channel twice.
 */
export const noticeSchema = z.object({
  ...base,
  type: z.literal('notice'),
  id: z.string().startsWith('notice:'),
  itemId: z.string().max(300),
  threshold: z.string().max(20),
  conversationId: z.string().max(500),
  state: z.enum(['pending', 'sent', 'failed']),
  claimedAt: isoInstant,
  sentAt: isoInstant.optional(),
  activityId: z.string().max(500).optional(),
  digest: z.boolean().default(false),
  error: z.string().max(300).optional(),
  /** What happened to the last attempt, in a form the delivery report can put into words. */
  outcome: noticeOutcomeSchema.optional(),
  /** How often Teams asked the bot to slow down (429/412/502/504) before the last attempt ended. */
  retries: z.number().int().min(0).optional(),
  attemptedAt: isoInstant.optional(),
});
export type Notice = z.infer<typeof noticeSchema>;
export const noticeId = (itemId: string, threshold: string, conversationId: string): string =>
  `notice:${itemId}:${threshold}:${conversationId}`.replace(/[/\\?#]/g, '_');

/** One-at-a-time jobs across instances: whoever holds an unexpired lease runs the job. */
export const leaseSchema = z.object({
  ...base,
  type: z.literal('lease'),
  id: z.string().startsWith('lease:'),
  holder: z.string().max(200),
  expiresAt: isoInstant,
});
export type Lease = z.infer<typeof leaseSchema>;
/** Partition for documents that belong to no tenant (leases, run reports). */
export const SYSTEM_TENANT = '00000000-0000-0000-0000-000000000000';

export const entitySchemas = {
  tenant: tenantSchema,
  member: memberSchema,
  invitation: invitationSchema,
  membership: membershipSchema,
  package: packageSchema,
  benefit: benefitSchema,
  seatPool: seatPoolSchema,
  seatAssignment: seatAssignmentSchema,
  audit: auditSchema,
  marketingContact: marketingContactSchema,
  conversationRef: conversationRefSchema,
  seatRequest: seatRequestSchema,
  noticeSubscription: noticeSubscriptionSchema,
  notice: noticeSchema,
  lease: leaseSchema,
  enrollment: enrollmentSchema,
} as const;
export type EntityType = keyof typeof entitySchemas;
export const ENTITY_TYPES = Object.keys(entitySchemas) as [EntityType, ...EntityType[]];
export type EntityOf<K extends EntityType> = z.infer<(typeof entitySchemas)[K]>;
export type Entity = EntityOf<EntityType>;
