import { type ExecuteButton, type Fact } from '../../../cards';
import { enrollmentYearLastDay, type BulkCredit, type MonthlyCredit } from '../../../domain/azureCredit';
import { seesAdminView } from '../../../domain/benefits';
import { daysUntil } from '../../../domain/dates';
import type { Benefit, BenefitPackage, Member } from '../../../domain/model';
import { authorize, policyFor, type Action } from '../../../domain/policy';
import type { Role } from '../../../domain/roles';
import { formatDate, formatDateTime, joinList } from '../../../i18n';
import type { Verb } from '../../joins';
import type { BenefitsContext, Item } from './model';

/* ------------------------------------------------------------------ helpers */

export const button = (
  title: string,
  verb: Verb,
  data: ExecuteButton['data'] = {},
  style: ExecuteButton['style'] = 'default',
): ExecuteButton => ({ title, verb, data, style });

export const may = (ctx: BenefitsContext, action: Action) => authorize(ctx.actor, action).allowed;

export const date = (ctx: BenefitsContext, iso: string) => formatDate(ctx.tr.locale, iso);

export function expiryText(ctx: BenefitsContext, iso: string): string {
  const days = daysUntil(ctx.now, iso);
  if (days < 0) return ctx.tr.t('benefits.expired.on', { date: date(ctx, iso) });
  if (days === 0) return ctx.tr.t('benefits.expires.today', { date: date(ctx, iso) });
  if (days === 1) return ctx.tr.t('benefits.expires.tomorrow', { date: date(ctx, iso) });
  return ctx.tr.t('benefits.expires.on', { date: date(ctx, iso), days });
}

export function nameOf(ctx: BenefitsContext, aadObjectId: string): string {
  const m = ctx.snapshot.members.find((x) => x.aadObjectId === aadObjectId.toLowerCase());
  return m ? m.name : ctx.tr.t('benefits.unknownPerson');
}

export function personLabel(ctx: BenefitsContext, m: Member): string {
  return m.guest ? ctx.tr.t('benefits.person.guest', { name: m.name }) : m.name;
}

export function money(ctx: BenefitsContext, usd: number): string {
  return new Intl.NumberFormat(ctx.tr.locale, { maximumFractionDigits: 0 }).format(usd);
}

export function months(ctx: BenefitsContext, value: number): string {
  return new Intl.NumberFormat(ctx.tr.locale, { maximumFractionDigits: 1 }).format(value);
}

export function languageName(ctx: BenefitsContext, code: string): string {
  try {
    return (
      new Intl.DisplayNames([ctx.tr.locale], { type: 'language', languageDisplay: 'standard' }).of(code) ??
      code
    );
  } catch {
    return code;
  }
}

export function packageOf(ctx: BenefitsContext, b: Benefit): BenefitPackage | undefined {
  return ctx.snapshot.packages.find((p) => p.id === b.packageId);
}

/** "Global admin or MPN partner admin" and who holds one of those roles, from the policy table. */
export function whoMay(ctx: BenefitsContext, action: Action): { roles: string; holders: string } {
  const row = policyFor(action);
  const roles: readonly Role[] = row.allowed === 'everyone' ? [] : row.allowed;
  const holders = ctx.snapshot.members
    .filter((m) => m.roles.some((r) => roles.includes(r)))
    .map((m) => m.name);
  return {
    roles: joinList(
      ctx.tr.locale,
      roles.map((r) => ctx.tr.t(`role.${r}`)),
      'or',
    ),
    holders:
      holders.length > 0 ? joinList(ctx.tr.locale, holders.slice(0, 3), 'or') : ctx.tr.t('benefits.nobody'),
  };
}

export function adminFacts(ctx: BenefitsContext, b: Benefit): Fact[] {
  const pkg = packageOf(ctx, b);
  const facts: Fact[] = [];
  if (pkg) {
    facts.push({
      title: ctx.tr.t('benefits.fact.offer'),
      value: ctx.tr.t(`benefits.offerType.${pkg.offerType}`),
    });
  }
  facts.push(
    {
      title: ctx.tr.t('benefits.fact.benefitType'),
      value: ctx.tr.t(`benefits.benefitType.${b.benefitType}`),
    },
    { title: ctx.tr.t('benefits.fact.quantity'), value: String(b.quantity) },
    { title: ctx.tr.t('benefits.fact.lastDay'), value: expiryText(ctx, b.expiresOn) },
  );
  return facts;
}

export function item(
  title: string,
  parts: {
    subtitle?: string;
    facts?: Fact[];
    lines?: string[];
    links?: { title: string; url: string }[];
    buttons?: ExecuteButton[];
    commands?: { title: string; command: string }[];
  },
): Item {
  const links = parts.links ?? [];
  const buttons = parts.buttons ?? [];
  const facts = parts.facts ?? [];
  return {
    title,
    hasSubtitle: Boolean(parts.subtitle),
    subtitle: parts.subtitle ?? '',
    hasFacts: facts.length > 0,
    facts,
    lines: (parts.lines ?? []).map((text) => ({ text })),
    hasActions: links.length + buttons.length > 0,
    links,
    buttons,
    commands: parts.commands ?? [],
  };
}

/** What a software product offers (languages, OS), and for admins when its keys were first viewed. */
export function productFacts(
  ctx: BenefitsContext,
  benefit: Benefit,
  product: { languages: string[]; osTypes: string[] },
  firstRevealedAt: string | undefined,
): Fact[] {
  const { tr } = ctx;
  const facts: Fact[] = [
    {
      title: tr.t('benefits.fact.languages'),
      value: product.languages.map((l) => languageName(ctx, l)).join(', '),
    },
    { title: tr.t('benefits.fact.osTypes'), value: product.osTypes.join(', ') },
  ];
  if (seesAdminView(ctx.actor)) {
    facts.push(...adminFacts(ctx, benefit), {
      title: tr.t('benefits.fact.keys'),
      value: firstRevealedAt
        ? tr.t('benefits.keys.firstViewed', { time: formatDateTime(tr.locale, firstRevealedAt) })
        : tr.t('benefits.keys.notViewed'),
    });
  }
  return facts;
}

/**
 * The facts of an Azure credit, the same in the list and on its own card: the amount for
 * everyone; for an admin, who uses it (monthly) or holds it and until when (bulk), then `adminExtra`.
 */
export function creditFacts(
  ctx: BenefitsContext,
  d: MonthlyCredit | BulkCredit,
  admin: boolean,
  adminExtra: Fact[],
): Fact[] {
  const { tr } = ctx;
  const amount: Fact =
    d.category === 'azureMonthlyCredit'
      ? {
          title: tr.t('benefits.fact.amount'),
          value: tr.t('benefits.credit.perMonth', { amount: money(ctx, d.amountPerMonthUsd) }),
        }
      : {
          title: tr.t('benefits.fact.amount'),
          value: tr.t('benefits.credit.perYear', { amount: money(ctx, d.amountPerYearUsd) }),
        };
  if (!admin) return [amount];
  if (d.category === 'azureMonthlyCredit') {
    const users = tr.t('benefits.credit.usersOf', { used: d.users.length, max: d.maxUsers });
    return [amount, { title: tr.t('benefits.fact.users'), value: users }, ...adminExtra];
  }
  return [
    amount,
    {
      title: tr.t('benefits.fact.holder'),
      value: d.holder ? nameOf(ctx, d.holder) : tr.t('benefits.nobody'),
    },
    {
      title: tr.t('benefits.fact.enrollmentYear'),
      value: date(ctx, enrollmentYearLastDay(d.enrollmentYearStart)),
    },
    ...(d.combinedWith.length > 0
      ? [{ title: tr.t('benefits.fact.combinedWith'), value: d.combinedWith.join(', ') }]
      : []),
    ...adminExtra,
  ];
}
