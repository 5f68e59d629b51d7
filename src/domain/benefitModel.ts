import { z } from 'zod';
import { guid, isoDate, isoInstant, tenantScoped } from './modelPrimitives';

/** What the organisation holds: packages (from offers) and the benefits they grant. */

/** Offer type of a package: which programme tier it comes from. */
export const offerTypeSchema = z.enum(['actionPack', 'silver', 'gold']);
export type OfferType = z.infer<typeof offerTypeSchema>;

export const packageSchema = z.object({
  ...tenantScoped,
  type: z.literal('package'),
  id: z.string().startsWith('package:'),
  name: z.string().min(1).max(200),
  /** The name as Chinese readers see it (catalogue data in both languages). */
  nameZh: z.string().min(1).max(200).optional(),
  offerType: offerTypeSchema,
  purchasedOn: isoDate,
  expiresOn: isoDate,
  status: z.enum(['active', 'cancelled']),
  cancellation: z.object({ by: guid, at: isoInstant, refundRequested: z.literal(true) }).optional(),
  /**
   * The first use of one of its benefits, recorded once that act succeeded (see `usesInFlight`).
   * Once set the package can no longer be cancelled; once cancelled no act can set it. Written
   * with the package's ETag on both sides, so exactly one of them wins.
   */
  firstUse: z
    .object({
      at: isoInstant,
      by: guid,
      benefit: z.string().max(200),
      how: z.enum(['keyViewed', 'keyRedeemed', 'creditAssigned', 'seatAssigned', 'activationRequested']),
    })
    .optional(),
  /**
   * Acts under way that would be the first use (packageGate.ts): each adds its entry before it
   * acts and takes it off after; only one that succeeded becomes `firstUse`. While any entry is
   * here the package cannot be cancelled.
   */
  usesInFlight: z
    .array(
      z.object({
        token: z.string().max(100),
        at: isoInstant,
        by: guid,
        benefit: z.string().max(200),
        how: z.enum(['keyViewed', 'keyRedeemed', 'creditAssigned', 'seatAssigned', 'activationRequested']),
      }),
    )
    .max(100)
    .optional(),
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
        nameZh: z.string().min(1).max(200).optional(),
        languages: z.array(z.string().min(2).max(20)).min(1),
        osTypes: z.array(z.string().min(1).max(50)).min(1),
        downloadUrl: z.url(),
        /** Download links per language and OS, where the catalogue has them (else `downloadUrl`). */
        downloads: z.array(z.object({ language: z.string(), osType: z.string(), url: z.url() })).optional(),
        instructions: z.string().max(1000).optional(),
        instructionsZh: z.string().max(1000).optional(),
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

/** The yearly amounts bulk Azure credit comes in (USD, or the local equivalent). */
export const BULK_CREDIT_AMOUNTS_USD = [6000, 12000, 13000] as const;

const bulkCreditDetails = z.object({
  category: z.literal('azureBulkCredit'),
  amountPerYearUsd: z.literal(BULK_CREDIT_AMOUNTS_USD),
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
      /** First time the key was shown (to redeem it in the Microsoft 365 admin centre): counts as activation. */
      viewedAt: isoInstant.optional(),
      viewedBy: guid.optional(),
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
  /** Who asked for activation (the completion after the processing delay is audited for them). */
  requestedBy: guid.optional(),
  activatedOn: isoDate.optional(),
  accessId: z.string().max(50).optional(),
  contractId: z.string().max(50).optional(),
});

const gtmDetails = z.object({
  category: z.literal('gtm'),
  offer: z.string().min(1).max(200),
  status: z.enum(['notActivated', 'pending', 'active']),
  requestedOn: isoInstant.optional(),
  requestedBy: guid.optional(),
  /** Day activation completed; the benefit's `expiresOn` then becomes the offer's own expiry. */
  activatedOn: isoDate.optional(),
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
  ...tenantScoped,
  type: z.literal('benefit'),
  id: z.string().startsWith('benefit:'),
  packageId: z.string().startsWith('package:'),
  name: z.string().min(1).max(200),
  nameZh: z.string().min(1).max(200).optional(),
  benefitType: z.enum(['core', 'incremental']),
  quantity: z.number().int().min(0),
  /** Last day to activate or redeem it. */
  expiresOn: isoDate,
  details: benefitDetailsSchema,
});
export type Benefit = z.infer<typeof benefitSchema>;
