import { z } from 'zod';
import raw from '../../data/support-catalogue.json';
import { competencySchema, localeSchema, membershipLevelSchema, type Locale } from './model';

/**
 * The programme data behind technical benefits and Go-To-Market offers (data/support-catalogue.json):
 * which programme tier a membership is, which technical benefit each tier may use and its
 * published allowance, which product families need an Access ID and Contract ID, which
 * Go-To-Market offers each tier and competency unlocks, and the marketing-contact languages.
 * Validated once at load; a programme change (e.g. Solutions Partner designations) is a change
 * to the data file, not to code.
 */

/** A name shown to people, in every language the bot speaks. */
const localized = z.object(
  Object.fromEntries(localeSchema.options.map((l) => [l, z.string().min(1).max(200)])) as Record<
    Locale,
    z.ZodString
  >,
);
export type Localized = z.infer<typeof localized>;

export const technicalKindSchema = z.enum([
  'cloudSignatureSupport',
  'onPremisesIncidents',
  'presalesDeployment',
  'advisoryHours',
]);
export type TechnicalKind = z.infer<typeof technicalKindSchema>;

const tierId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/);

const catalogueSchema = z
  .object({
    $comment: z.string().optional(),
    /** Best first: a membership is the first tier whose match fits. */
    tiers: z
      .array(
        z
          .object({
            id: tierId,
            label: localized,
            match: z.object({
              level: membershipLevelSchema,
              competencyTier: competencySchema.shape.tier.optional(),
            }),
          })
          .strict(),
      )
      .min(1),
    technical: z
      .array(
        z
          .object({
            kind: technicalKindSchema,
            label: localized,
            /** Break-fix: something is broken or shows an error. Advisory: presales and deployment advice. */
            supportType: z.enum(['breakFix', 'advisory']),
            unit: z.enum(['incidents', 'hours']),
            /**
             * Tier → published allowance; a tier not listed may not use the benefit. An allowance is
             * a number, "unlimited", or `{ "deductedFrom": <kind> }` when it is not an allowance of
             * its own but uses another kind's (presales help for Action Pack uses advisory hours).
             */
            allowances: z.record(
              tierId,
              z.union([
                z.number().int().min(0),
                z.literal('unlimited'),
                z.object({ deductedFrom: technicalKindSchema }).strict(),
              ]),
            ),
          })
          .strict(),
      )
      .min(1),
    productFamilies: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
            label: localized,
            /** Support requests about these products need the Access ID and Contract ID. */
            requiresIds: z.boolean(),
            breakFixKind: technicalKindSchema,
          })
          .strict(),
      )
      .min(1),
    gtmOffers: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
            /** The offer name carried by the benefit document (`details.offer`), compared case-insensitively. */
            offer: z.string().min(1).max(200),
            label: localized,
            tiers: z.array(tierId).min(1),
            /** When given, the organisation needs a Silver or Gold competency in one of these areas. */
            competencyAreas: z.array(z.string().min(1)).optional(),
            /** How long an activated offer runs, from the day activation completes. */
            termDays: z
              .number()
              .int()
              .min(1)
              .max(3 * 366),
          })
          .strict(),
      )
      .min(1),
    /** BCP 47 codes offered as the marketing contact's preferred language. */
    contactLanguages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const tiers = new Set(c.tiers.map((t) => t.id));
    const unknown = (where: (string | number)[], id: string) => {
      if (!tiers.has(id)) ctx.addIssue({ code: 'custom', path: where, message: `unknown tier ${id}` });
    };
    c.technical.forEach((t, i) =>
      Object.keys(t.allowances).forEach((id) => unknown(['technical', i, 'allowances', id], id)),
    );
    c.gtmOffers.forEach((o, i) => o.tiers.forEach((id, j) => unknown(['gtmOffers', i, 'tiers', j], id)));
    const kinds = c.technical.map((t) => t.kind);
    if (new Set(kinds).size !== kinds.length)
      ctx.addIssue({ code: 'custom', path: ['technical'], message: 'a technical kind is listed twice' });
    c.productFamilies.forEach((f, i) => {
      if (!kinds.includes(f.breakFixKind))
        ctx.addIssue({
          code: 'custom',
          path: ['productFamilies', i, 'breakFixKind'],
          message: `${f.breakFixKind} is not in the technical list`,
        });
    });
  });

export type SupportCatalogue = z.infer<typeof catalogueSchema>;
export type ProgrammeTier = SupportCatalogue['tiers'][number];
export type TechnicalEntry = SupportCatalogue['technical'][number];
export type ProductFamily = SupportCatalogue['productFamilies'][number];
export type GtmOfferEntry = SupportCatalogue['gtmOffers'][number];

export function parseSupportCatalogue(data: unknown): SupportCatalogue {
  return catalogueSchema.parse(data);
}

/** The catalogue shipped with the product, validated at load: a bad data file stops the start. */
export const SUPPORT_CATALOGUE: SupportCatalogue = parseSupportCatalogue(raw);
