import { z } from 'zod';
import { addDays, toIsoDate } from './dates';
import {
  benefitDetailsSchema,
  competencySchema,
  guid,
  localeSchema,
  membershipLevelSchema,
  offerTypeSchema,
  assignmentId,
  memberId,
  type Benefit,
  type BenefitPackage,
  type Member,
  type Membership,
  type SeatAssignment,
  type SeatPool,
  type Tenant,
} from './model';
import { roleSchema } from './roles';

/**
 * The seed file format (`data/demo.json`). Dates are relative to the moment of loading so the
 * demo never goes stale: `"@+40"` is the calendar day 40 days from now, `"@-100T"` the instant
 * 100 days ago. Loading is idempotent: ids are deterministic and existing documents are kept.
 */

const relativeDate = z.string().regex(/^@[+-]\d+$/, 'a relative date looks like "@+40" or "@-3"');

const seedMember = z.object({
  aadObjectId: guid,
  name: z.string().min(1),
  chineseName: z.string().min(1).max(100).optional(),
  email: z.email(),
  roles: z.array(roleSchema).default([]),
  guest: z.boolean().default(false),
});

/** Catalogue text people read comes in both languages: a product without its Chinese name (or notes) is refused. */
const translatedProducts = (details: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const products = Array.isArray(details.products) ? (details.products as Record<string, unknown>[]) : [];
  products.forEach((p, i) => {
    if (typeof p.nameZh !== 'string' || p.nameZh.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['products', i, 'nameZh'],
        message: 'missing Chinese product name',
      });
    if (typeof p.instructions === 'string' && typeof p.instructionsZh !== 'string')
      ctx.addIssue({
        code: 'custom',
        path: ['products', i, 'instructionsZh'],
        message: 'missing Chinese notes',
      });
  });
};

const seedBenefit = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  benefitType: z.enum(['core', 'incremental']),
  quantity: z.number().int().min(0),
  expiresOn: relativeDate,
  // Validated against the real details schema once relative dates are resolved.
  details: z.record(z.string(), z.unknown()).superRefine(translatedProducts),
});

const seedPackage = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  offerType: offerTypeSchema,
  purchasedOn: relativeDate,
  expiresOn: relativeDate,
  benefits: z.array(seedBenefit),
});

const seedPool = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  subscription: z.string().min(1),
  seats: z.number().int().min(0),
  benefitSlug: z.string(),
  expiresOn: relativeDate,
  assignments: z.array(
    z.object({ seatNo: z.number().int().min(1), assignee: guid, assignedBy: guid, assignedAt: z.string() }),
  ),
});

const seedTenant = z.object({
  tenantId: guid,
  name: z.string().min(1),
  locale: localeSchema.default('en-US'),
  membership: z.object({
    partnerId: z.string().optional(),
    level: membershipLevelSchema,
    competencies: z.array(competencySchema).default([]),
    status: z.enum(['draft', 'awaitingEmailConfirmation', 'underReview', 'active']),
    accountEmail: z.email().optional(),
    enrolledOn: relativeDate.optional(),
    expiresOn: relativeDate.optional(),
  }),
  members: z.array(seedMember),
  packages: z.array(seedPackage),
  seatPools: z.array(seedPool).default([]),
});

export const seedSchema = z.object({ tenants: z.array(seedTenant).min(1) });
export type SeedFile = z.infer<typeof seedSchema>;

export interface SeedDocuments {
  tenants: Tenant[];
  memberships: Membership[];
  members: Member[];
  packages: BenefitPackage[];
  benefits: Benefit[];
  seatPools: SeatPool[];
  seatAssignments: SeatAssignment[];
}

const DATE_TOKEN = /^@([+-]\d+)$/;
const INSTANT_TOKEN = /^@([+-]\d+)T$/;

/** Replaces relative-date tokens anywhere in a value. */
function resolveDates(value: unknown, now: Date): unknown {
  if (typeof value === 'string') {
    const d = DATE_TOKEN.exec(value);
    if (d) return addDays(toIsoDate(now), Number(d[1]));
    const i = INSTANT_TOKEN.exec(value);
    if (i) return new Date(now.getTime() + Number(i[1]) * 86_400_000).toISOString();
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveDates(v, now));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDates(v, now)]));
  }
  return value;
}

/** Turns a parsed seed file into the documents to store; throws on anything invalid. */
export function seedDocuments(raw: unknown, now: Date): SeedDocuments {
  const seed = seedSchema.parse(raw);
  const out: SeedDocuments = {
    tenants: [],
    memberships: [],
    members: [],
    packages: [],
    benefits: [],
    seatPools: [],
    seatAssignments: [],
  };
  const at = now.toISOString();
  for (const tRaw of seed.tenants) {
    const tn = resolveDates(tRaw, now) as typeof tRaw;
    const tenantId = tn.tenantId;
    out.tenants.push({
      type: 'tenant',
      id: 'tenant',
      tenantId,
      name: tn.name,
      locale: tn.locale,
      createdAt: at,
    });
    out.memberships.push({ type: 'membership', id: 'membership', tenantId, ...tn.membership });
    for (const m of tn.members) {
      out.members.push({
        type: 'member',
        id: memberId(m.aadObjectId),
        tenantId,
        aadObjectId: m.aadObjectId.toLowerCase(),
        name: m.name,
        ...(m.chineseName ? { chineseName: m.chineseName } : {}),
        email: m.email,
        roles: m.roles,
        guest: m.guest,
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const p of tn.packages) {
      const packageId = `package:${p.slug}`;
      out.packages.push({
        type: 'package',
        id: packageId,
        tenantId,
        name: p.name,
        nameZh: p.nameZh,
        offerType: p.offerType,
        purchasedOn: p.purchasedOn,
        expiresOn: p.expiresOn,
        status: 'active',
      });
      for (const b of p.benefits) {
        out.benefits.push({
          type: 'benefit',
          id: `benefit:${b.slug}`,
          tenantId,
          packageId,
          name: b.name,
          nameZh: b.nameZh,
          benefitType: b.benefitType,
          quantity: b.quantity,
          expiresOn: b.expiresOn,
          details: benefitDetailsSchema.parse(b.details),
        });
      }
    }
    for (const pool of tn.seatPools) {
      const poolId = `pool:${pool.slug}`;
      out.seatPools.push({
        type: 'seatPool',
        id: poolId,
        tenantId,
        subscription: pool.subscription,
        seats: pool.seats,
        benefitId: `benefit:${pool.benefitSlug}`,
        expiresOn: pool.expiresOn,
      });
      for (const a of pool.assignments) {
        out.seatAssignments.push({
          type: 'seatAssignment',
          id: assignmentId(poolId, a.seatNo),
          tenantId,
          poolId,
          seatNo: a.seatNo,
          assignee: a.assignee,
          assignedBy: a.assignedBy,
          originalAssignedAt: a.assignedAt,
          assignedAt: a.assignedAt,
        });
      }
    }
  }
  return out;
}
