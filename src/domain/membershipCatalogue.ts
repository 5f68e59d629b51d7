import { z } from 'zod';
import raw from '../../data/membership-catalogue.json';
import {
  competencySchema,
  localeSchema,
  membershipLevelSchema,
  type Locale,
  type MembershipLevel,
} from './model';

/**
 * The membership programme as data (data/membership-catalogue.json): levels and what each needs,
 * competency tiers and areas, the renewal window, the agreement version and enrolment limits.
 * Validated once at load. Rules in membership.ts read it; nothing else hard-codes a level.
 */

const localized = z.object(
  Object.fromEntries(localeSchema.options.map((l) => [l, z.string().min(1).max(200)])) as Record<
    Locale,
    z.ZodString
  >,
);
export type LocalizedText = z.infer<typeof localized>;

const levelSchema = z
  .object({
    id: membershipLevelSchema,
    /** Each level includes the ones of lower rank. */
    rank: z.number().int().min(0),
    label: localized,
    /** Can be bought as an upgrade (the entry level is had by enrolling). */
    purchasable: z.boolean(),
    /** How many an organisation may hold at once. */
    maxPerOrganisation: z.number().int().min(1).optional(),
    /** Levels whose holders may not buy this one. */
    notWhileHolding: z.array(membershipLevelSchema).default([]),
    /** Held per solution area and tier (competencies). */
    perArea: z.boolean().default(false),
    /**
     * Earned, not bought: an upgrade to it is an application that the programme reviews
     * (pending → approved or declined). Nobody in the tenant can grant it.
     */
    earned: z.boolean().default(false),
  })
  .strict();

export const membershipCatalogueSchema = z
  .object({
    $comment: z.string().optional(),
    agreement: z.object({ version: z.string().regex(/^\d{4}-\d{2}$/) }).strict(),
    termMonths: z.number().int().min(1).max(60),
    renewal: z
      .object({
        $comment: z.string().optional(),
        opensDaysBefore: z.number().int().min(0).max(365),
        closesDaysAfter: z.number().int().min(0).max(365),
      })
      .strict(),
    enrollment: z
      .object({
        codeTtlMinutes: z.number().int().min(1).max(1440),
        codeMaxAttempts: z.number().int().min(1).max(20),
        codesPerDay: z.number().int().min(1).max(50),
      })
      .strict(),
    freeMailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
    levels: z.array(levelSchema).min(1),
    tiers: z
      .array(
        z
          .object({ id: competencySchema.shape.tier, rank: z.number().int().min(1), label: localized })
          .strict(),
      )
      .min(1),
    competencyAreas: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/), label: localized }).strict())
      .min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const unique = (what: string, ids: string[]) => {
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) ctx.addIssue({ code: 'custom', message: `${what} ${dup} is listed twice` });
    };
    unique(
      'level',
      c.levels.map((l) => l.id),
    );
    unique(
      'tier',
      c.tiers.map((t) => t.id),
    );
    unique(
      'competency area',
      c.competencyAreas.map((a) => a.id),
    );
    if (!c.levels.some((l) => !l.purchasable))
      ctx.addIssue({ code: 'custom', message: 'one level must be the entry level (purchasable: false)' });
    if (c.levels.filter((l) => l.perArea).length > 1)
      ctx.addIssue({ code: 'custom', message: 'at most one level may be held per area' });
  });

export type MembershipCatalogue = z.infer<typeof membershipCatalogueSchema>;
export type LevelEntry = MembershipCatalogue['levels'][number];

/** The catalogue shipped with the bot. Throws at import when the data file is invalid. */
export const MEMBERSHIP_CATALOGUE: MembershipCatalogue = membershipCatalogueSchema.parse(raw);

export function levelEntry(catalogue: MembershipCatalogue, id: MembershipLevel): LevelEntry {
  const found = catalogue.levels.find((l) => l.id === id);
  if (!found) throw new Error(`membership level ${id} is not in the catalogue`);
  return found;
}

/** The entry level: what an enrolment makes an organisation. */
export function entryLevel(catalogue: MembershipCatalogue): LevelEntry {
  return [...catalogue.levels].filter((l) => !l.purchasable).sort((a, b) => a.rank - b.rank)[0];
}

/** A competency area by catalogue id or by its English name (how stored memberships name it). */
export function areaEntry(
  catalogue: MembershipCatalogue,
  idOrName: string,
): MembershipCatalogue['competencyAreas'][number] | undefined {
  const key = idOrName.toLowerCase();
  return catalogue.competencyAreas.find((a) => a.id === key || a.label['en-US'].toLowerCase() === key);
}
