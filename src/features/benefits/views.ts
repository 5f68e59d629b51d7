import {
  enrollmentYearLastDay,
  withinEnrollmentYear,
  type BulkCredit,
  type MonthlyCredit,
} from '../../domain/azureCredit';
import { explainBlock, type RevealedKey, type SoftwareProduct } from '../../domain/benefitActions';
import {
  BENEFIT_GROUPS,
  MASKED_KEY,
  activationOf,
  groupOf,
  liveBenefits,
  seesAdminView,
  soonestExpiry,
  type BenefitGroup,
  type BenefitsSnapshot,
} from '../../domain/benefits';
import { daysUntil } from '../../domain/dates';
import { lastGraceDay, membershipExpired, renewalDue } from '../../domain/membership';
import type { RedeemMode, RedemptionPlan } from '../../domain/licenceTerm';
import type { Benefit, BenefitPackage, Member } from '../../domain/model';
import { cancellationLastDay, type CancellationBlock } from '../../domain/packageCancellation';
import { authorize, policyFor, type Action, type Actor } from '../../domain/policy';
import type { Role } from '../../domain/roles';
import {
  formatDate,
  formatDateTime,
  joinList,
  type MessageKey,
  type Params,
  type Translator,
} from '../../i18n';
import benefitsSummaryTemplate from '../../../cards/benefits/benefitsSummary.json';
import benefitsListTemplate from '../../../cards/benefits/benefitsList.json';
import softwareProductTemplate from '../../../cards/benefits/softwareProduct.json';
import creditManageTemplate from '../../../cards/benefits/creditManage.json';
import benefitsConfirmTemplate from '../../../cards/benefits/benefitsConfirm.json';
import { cardTemplate, type Choice, type ContainerStyle, type ExecuteButton, type Fact } from '../../cards';

export interface BenefitsSummaryView {
  title: string;
  subtitle: string;
  scopeNote: string;
  /** The "renew now" notice (30 days after the anniversary) or the lapse notice after them. */
  hasRenewNotice: boolean;
  renewNotice: string;
  groups: {
    name: string;
    status: string;
    count: string;
    hasExpiry: boolean;
    expiry: string;
    open: ExecuteButton;
  }[];
  showPackages: boolean;
  packagesTitle: string;
  packages: { text: string }[];
  buttons: ExecuteButton[];
}

export interface BenefitsListView {
  title: string;
  subtitle: string;
  hasNotice: boolean;
  notice: string;
  noticeStyle: ContainerStyle;
  isEmpty: boolean;
  empty: string;
  items: {
    title: string;
    hasSubtitle: boolean;
    subtitle: string;
    hasFacts: boolean;
    facts: Fact[];
    lines: { text: string }[];
    hasActions: boolean;
    links: { title: string; url: string }[];
    buttons: ExecuteButton[];
  }[];
  hasPager: boolean;
  pageText: string;
  nav: ExecuteButton[];
}

export interface SoftwareProductView {
  title: string;
  subtitle: string;
  facts: Fact[];
  hasInstructions: boolean;
  instructionsLabel: string;
  instructions: string;
  keyStyle: ContainerStyle;
  keyLabel: string;
  /** The real key only on the card answering a reveal; masked everywhere else. */
  keyText: string;
  keyNote: string;
  canReveal: boolean;
  pickLabel: string;
  pickPlaceholder: string;
  languageLabel: string;
  languages: Choice[];
  osLabel: string;
  osTypes: Choice[];
  reveal: ExecuteButton;
  download: { title: string; url: string };
  nav: ExecuteButton[];
}

export interface CreditManageView {
  title: string;
  subtitle: string;
  hasNotice: boolean;
  notice: string;
  noticeStyle: ContainerStyle;
  facts: Fact[];
  ruleNote: string;
  showPeople: boolean;
  peopleLabel: string;
  people: { name: string; detail: string; hasButtons: boolean; buttons: ExecuteButton[] }[];
  canPick: boolean;
  pickLabel: string;
  pickPlaceholder: string;
  choices: Choice[];
  pick: ExecuteButton;
  nav: ExecuteButton[];
}

export interface BenefitsConfirmView {
  title: string;
  subtitle: string;
  facts: Fact[];
  hasWarning: boolean;
  warningStyle: ContainerStyle;
  warnings: { text: string }[];
  lines: { text: string }[];
  options: {
    title: string;
    hasFacts: boolean;
    facts: Fact[];
    lines: { text: string }[];
    hasButtons: boolean;
    buttons: ExecuteButton[];
  }[];
  buttons: ExecuteButton[];
}

export const renderBenefitsSummary = cardTemplate<BenefitsSummaryView>(benefitsSummaryTemplate);
export const renderBenefitsList = cardTemplate<BenefitsListView>(benefitsListTemplate);
export const renderSoftwareProduct = cardTemplate<SoftwareProductView>(softwareProductTemplate);
export const renderCreditManage = cardTemplate<CreditManageView>(creditManageTemplate);
export const renderBenefitsConfirm = cardTemplate<BenefitsConfirmView>(benefitsConfirmTemplate);

/**
 * View models of the benefits cards. Every word is localised here; templates only bind. Who
 * sees what follows the policy table: administrators (people who may manage benefits) see pools,
 * quantities, offer and benefit types, expiry dates and who holds what; everyone else sees what
 * is assigned to them plus the organisation's benefits. Product keys are masked on every card
 * except the one answering a reveal.
 */

/** What the views know about the turn. */
export interface BenefitsContext {
  tr: Translator;
  actor: Actor;
  tenantName: string;
  now: Date;
  snapshot: BenefitsSnapshot;
}

/** What the category cards can show: the benefit groups, plus the packages they came in. */
export const BENEFIT_VIEWS = [...BENEFIT_GROUPS, 'packages'] as const;
export type BenefitView = (typeof BENEFIT_VIEWS)[number];

/** Items per page of a category card: keeps the card far below Teams' ~28 KB. */
export const PAGE_SIZE = 5;

type Item = BenefitsListView['items'][number];

/* ------------------------------------------------------------------ helpers */

const button = (
  title: string,
  verb: string,
  data: ExecuteButton['data'] = {},
  style: ExecuteButton['style'] = 'default',
): ExecuteButton => ({ title, verb, data, style });

const may = (ctx: BenefitsContext, action: Action) => authorize(ctx.actor, action).allowed;

const date = (ctx: BenefitsContext, iso: string) => formatDate(ctx.tr.locale, iso);

function expiryText(ctx: BenefitsContext, iso: string): string {
  const days = daysUntil(ctx.now, iso);
  if (days < 0) return ctx.tr.t('benefits.expired.on', { date: date(ctx, iso) });
  if (days === 0) return ctx.tr.t('benefits.expires.today', { date: date(ctx, iso) });
  if (days === 1) return ctx.tr.t('benefits.expires.tomorrow', { date: date(ctx, iso) });
  return ctx.tr.t('benefits.expires.on', { date: date(ctx, iso), days });
}

function nameOf(ctx: BenefitsContext, aadObjectId: string): string {
  const m = ctx.snapshot.members.find((x) => x.aadObjectId === aadObjectId.toLowerCase());
  return m ? m.name : ctx.tr.t('benefits.unknownPerson');
}

function personLabel(ctx: BenefitsContext, m: Member): string {
  return m.guest ? ctx.tr.t('benefits.person.guest', { name: m.name }) : m.name;
}

function money(ctx: BenefitsContext, usd: number): string {
  return new Intl.NumberFormat(ctx.tr.locale, { maximumFractionDigits: 0 }).format(usd);
}

function months(ctx: BenefitsContext, value: number): string {
  return new Intl.NumberFormat(ctx.tr.locale, { maximumFractionDigits: 1 }).format(value);
}

function languageName(ctx: BenefitsContext, code: string): string {
  try {
    return (
      new Intl.DisplayNames([ctx.tr.locale], { type: 'language', languageDisplay: 'standard' }).of(code) ??
      code
    );
  } catch {
    return code;
  }
}

function packageOf(ctx: BenefitsContext, b: Benefit): BenefitPackage | undefined {
  return ctx.snapshot.packages.find((p) => p.id === b.packageId);
}

/** "Global admin or MPN partner admin" and who holds one of those roles, from the policy table. */
function whoMay(ctx: BenefitsContext, action: Action): { roles: string; holders: string } {
  const row = policyFor(action);
  const roles: readonly Role[] = row.allowed === 'everyone' ? [] : row.allowed;
  const holders = ctx.snapshot.members
    .filter((m) => m.roles.some((r) => roles.includes(r)))
    .map((m) => m.name);
  return {
    roles: joinList(
      ctx.tr.locale,
      roles.map((r) => ctx.tr.t(`role.${r}` as MessageKey)),
      'or',
    ),
    holders:
      holders.length > 0 ? joinList(ctx.tr.locale, holders.slice(0, 3), 'or') : ctx.tr.t('benefits.nobody'),
  };
}

function adminFacts(ctx: BenefitsContext, b: Benefit): Fact[] {
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

function item(
  title: string,
  parts: {
    subtitle?: string;
    facts?: Fact[];
    lines?: string[];
    links?: { title: string; url: string }[];
    buttons?: ExecuteButton[];
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
  };
}

/* ------------------------------------------------------------------ what each person sees */

/** The benefits of one group this person may see (employees: Azure credit only when it is theirs). */
export function visibleBenefits(ctx: BenefitsContext, group: BenefitGroup): Benefit[] {
  const me = ctx.actor.aadObjectId;
  const admin = seesAdminView(ctx.actor);
  return liveBenefits(ctx.snapshot).filter((b) => {
    if (groupOf(b.details.category) !== group) return false;
    if (admin) return true;
    const d = b.details;
    if (d.category === 'azureMonthlyCredit') return d.users.includes(me);
    if (d.category === 'azureBulkCredit') return d.holder === me;
    return true;
  });
}

function seatsUsed(ctx: BenefitsContext, poolId: string): number {
  return ctx.snapshot.assignments.filter((a) => a.poolId === poolId).length;
}

function groupStatus(ctx: BenefitsContext, group: BenefitGroup, benefits: Benefit[]): string {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  const me = ctx.actor.aadObjectId;
  if (benefits.length === 0) return tr.t('benefits.status.none');
  switch (group) {
    case 'software': {
      const viewed = benefits.filter((b) => activationOf(b, []) === 'keyViewed').length;
      return admin
        ? tr.t('benefits.status.software.admin', { viewed, total: benefits.length })
        : tr.t('benefits.status.software.employee', { total: benefits.length });
    }
    case 'azureCredit':
      if (!admin) return tr.t('benefits.status.credit.mine');
      return tr.t('benefits.status.credit.admin', {
        used: benefits.filter((b) => activationOf(b, []) === 'creditAssigned').length,
        total: benefits.length,
      });
    case 'licence':
      return tr.t('benefits.status.licence', {
        active: benefits.filter((b) => activationOf(b, []) === 'keyRedeemed').length,
        total: benefits.length,
      });
    case 'visualStudio': {
      const mine = ctx.snapshot.assignments.find((a) => a.assignee === me);
      if (!admin) {
        return mine
          ? tr.t('benefits.status.vs.mine', { seat: mine.seatNo })
          : tr.t('benefits.status.vs.noSeat');
      }
      const pools = ctx.snapshot.pools.filter((p) =>
        benefits.some((b) => b.details.category === 'visualStudio' && b.details.poolId === p.id),
      );
      return tr.t('benefits.status.vs.admin', {
        used: pools.reduce((n, p) => n + seatsUsed(ctx, p.id), 0),
        total: pools.reduce((n, p) => n + p.seats, 0),
      });
    }
    case 'technical':
    case 'gtm': {
      const status = (b: Benefit) =>
        b.details.category === 'technical' || b.details.category === 'gtm'
          ? b.details.status
          : 'notActivated';
      return tr.t('benefits.status.activation', {
        active: benefits.filter((b) => status(b) === 'active').length,
        pending: benefits.filter((b) => status(b) === 'pending').length,
        total: benefits.length,
      });
    }
  }
}

/* ------------------------------------------------------------------ summary */

export function benefitsSummaryView(ctx: BenefitsContext): BenefitsSummaryView {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  const groups = BENEFIT_GROUPS.map((group) => {
    const benefits = visibleBenefits(ctx, group);
    const soonest = admin ? soonestExpiry(benefits) : undefined;
    return {
      name: tr.t(`benefits.group.${group}`),
      status: groupStatus(ctx, group, benefits),
      count: String(benefits.length),
      hasExpiry: soonest !== undefined,
      expiry: soonest ? tr.t('benefits.soonest', { expiry: expiryText(ctx, soonest) }) : '',
      open: button(tr.t(`benefits.open.${group}`), 'benefits.category', { category: group }),
    };
  });
  const packages = ctx.snapshot.packages.map((p) => ({
    text: tr.t('benefits.package.line', {
      name: p.name,
      offer: tr.t(`benefits.offerType.${p.offerType}`),
      status: packageStatus(ctx, p),
    }),
  }));
  const buttons = [button(tr.t('benefits.refresh'), 'benefits.summary')];
  if (admin)
    buttons.unshift(button(tr.t('benefits.packages.open'), 'benefits.category', { category: 'packages' }));
  return {
    title: tr.t('benefits.title'),
    subtitle: tr.t('benefits.subtitle', {
      tenant: ctx.tenantName,
      time: formatDateTime(tr.locale, ctx.now),
    }),
    scopeNote: admin ? tr.t('benefits.scope.admin') : tr.t('benefits.scope.employee'),
    ...renewNotice(ctx),
    groups,
    showPackages: admin && packages.length > 0,
    packagesTitle: tr.t('benefits.packages.title'),
    packages,
    buttons,
  };
}

/** The "renew now" notice of the 30 days after the anniversary, and the lapse notice after them. */
function renewNotice(ctx: BenefitsContext): { hasRenewNotice: boolean; renewNotice: string } {
  const m = ctx.snapshot.membership;
  if (!m?.expiresOn || !membershipExpired(m, ctx.now)) return { hasRenewNotice: false, renewNotice: '' };
  const params = { date: date(ctx, m.expiresOn), closes: date(ctx, lastGraceDay(m.expiresOn)) };
  return {
    hasRenewNotice: true,
    renewNotice: renewalDue(m, ctx.now)
      ? ctx.tr.t('benefits.renewNow', params)
      : ctx.tr.t('benefits.lapsed', params),
  };
}

function packageStatus(ctx: BenefitsContext, p: BenefitPackage): string {
  if (p.status === 'cancelled') {
    return ctx.tr.t('benefits.package.cancelled', {
      date: p.cancellation ? formatDateTime(ctx.tr.locale, p.cancellation.at) : '',
    });
  }
  return ctx.tr.t('benefits.package.active');
}

/* ------------------------------------------------------------------ category cards */

function softwareItems(ctx: BenefitsContext, benefits: Benefit[]): Item[] {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  const canReveal = may(ctx, 'software.revealKeys');
  const who = whoMay(ctx, 'software.revealKeys');
  return benefits.flatMap((b) => {
    if (b.details.category !== 'software') return [];
    const revealedAt = b.details.firstRevealedAt;
    return b.details.products.map((p) => {
      const facts: Fact[] = [
        {
          title: tr.t('benefits.fact.languages'),
          value: p.languages.map((l) => languageName(ctx, l)).join(', '),
        },
        { title: tr.t('benefits.fact.osTypes'), value: p.osTypes.join(', ') },
      ];
      if (admin) {
        facts.push(...adminFacts(ctx, b), {
          title: tr.t('benefits.fact.keys'),
          value: revealedAt
            ? tr.t('benefits.keys.firstViewed', { time: formatDateTime(tr.locale, revealedAt) })
            : tr.t('benefits.keys.notViewed'),
        });
      }
      const lines = [tr.t('benefits.key.masked', { key: MASKED_KEY })];
      if (!canReveal) lines.push(tr.t('benefits.key.askAdmin', who));
      if (p.instructions) lines.push(tr.t('benefits.instructions', { text: p.instructions }));
      return item(p.name, {
        subtitle: p.name === b.name ? undefined : b.name,
        facts,
        lines,
        links: [{ title: tr.t('benefits.download'), url: p.downloadUrl }],
        buttons: canReveal
          ? [
              button(
                tr.t('benefits.getKeys'),
                'software.product',
                { benefitId: b.id, productId: p.productId, post: true },
                'positive',
              ),
            ]
          : [],
      });
    });
  });
}

function creditItems(ctx: BenefitsContext, benefits: Benefit[]): Item[] {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  return benefits.flatMap((b) => {
    const d = b.details;
    const manage = admin
      ? [button(tr.t('benefits.credit.manage'), 'credit.view', { benefitId: b.id, post: true })]
      : [];
    if (d.category === 'azureMonthlyCredit') {
      const facts: Fact[] = [
        {
          title: tr.t('benefits.fact.amount'),
          value: tr.t('benefits.credit.perMonth', { amount: money(ctx, d.amountPerMonthUsd) }),
        },
      ];
      if (admin) {
        facts.push(
          {
            title: tr.t('benefits.fact.users'),
            value: tr.t('benefits.credit.usersOf', { used: d.users.length, max: d.maxUsers }),
          },
          ...adminFacts(ctx, b),
        );
      }
      const lines = d.users.includes(ctx.actor.aadObjectId) ? [tr.t('benefits.credit.youHaveAccess')] : [];
      return [item(b.name, { subtitle: tr.t('benefits.credit.monthly'), facts, lines, buttons: manage })];
    }
    if (d.category === 'azureBulkCredit') {
      const facts: Fact[] = [
        {
          title: tr.t('benefits.fact.amount'),
          value: tr.t('benefits.credit.perYear', { amount: money(ctx, d.amountPerYearUsd) }),
        },
      ];
      if (admin) {
        facts.push(
          {
            title: tr.t('benefits.fact.holder'),
            value: d.holder ? nameOf(ctx, d.holder) : tr.t('benefits.nobody'),
          },
          {
            title: tr.t('benefits.fact.enrollmentYear'),
            value: date(ctx, enrollmentYearLastDay(d.enrollmentYearStart)),
          },
        );
        if (d.combinedWith.length > 0) {
          facts.push({ title: tr.t('benefits.fact.combinedWith'), value: d.combinedWith.join(', ') });
        }
        facts.push(...adminFacts(ctx, b));
      }
      const lines = d.holder === ctx.actor.aadObjectId ? [tr.t('benefits.credit.youHold')] : [];
      return [item(b.name, { subtitle: tr.t('benefits.credit.bulk'), facts, lines, buttons: manage })];
    }
    return [];
  });
}

function licenceItems(ctx: BenefitsContext, benefits: Benefit[]): Item[] {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  const canRedeem = may(ctx, 'license.redeem');
  return benefits.flatMap((b) => {
    const d = b.details;
    if (d.category !== 'licence') return [];
    const live = d.activeSeats > 0 && d.endDate !== undefined && daysUntil(ctx.now, d.endDate) >= 0;
    const subscription =
      live && d.endDate
        ? tr.t('benefits.licence.activeUntil', { date: date(ctx, d.endDate) })
        : tr.t('benefits.licence.notStarted');
    const facts: Fact[] = [{ title: tr.t('benefits.fact.subscription'), value: subscription }];
    const lines: string[] = [];
    const buttons: ExecuteButton[] = [];
    if (admin) {
      facts.push(
        { title: tr.t('benefits.fact.activeSeats'), value: String(d.activeSeats) },
        ...adminFacts(ctx, b),
      );
      for (const k of d.keys) {
        lines.push(
          k.redeemedBy
            ? tr.t('benefits.licence.keyRedeemed', {
                keyId: k.keyId,
                seats: k.seats,
                key: MASKED_KEY,
                name: nameOf(ctx, k.redeemedBy),
                time: k.redeemedAt ? formatDateTime(tr.locale, k.redeemedAt) : '',
              })
            : tr.t('benefits.licence.keyOpen', { keyId: k.keyId, seats: k.seats, key: MASKED_KEY }),
        );
        if (!k.redeemedBy && canRedeem && buttons.length < 4) {
          buttons.push(
            button(tr.t('benefits.licence.redeem', { keyId: k.keyId, seats: k.seats }), 'license.options', {
              benefitId: b.id,
              keyId: k.keyId,
            }),
          );
        }
      }
    }
    return [item(b.name, { subtitle: d.product === b.name ? undefined : d.product, facts, lines, buttons })];
  });
}

function visualStudioItems(ctx: BenefitsContext, benefits: Benefit[]): Item[] {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  return benefits.flatMap((b) => {
    const d = b.details;
    if (d.category !== 'visualStudio') return [];
    const pool = ctx.snapshot.pools.find((p) => p.id === d.poolId);
    const facts: Fact[] = [];
    if (pool) facts.push({ title: tr.t('benefits.fact.subscriptionType'), value: pool.subscription });
    if (admin && pool) {
      facts.push(
        {
          title: tr.t('benefits.fact.seatsUsed'),
          value: tr.t('benefits.vs.usage', { used: seatsUsed(ctx, pool.id), total: pool.seats }),
        },
        ...adminFacts(ctx, b),
      );
    }
    const mine = ctx.snapshot.assignments.find(
      (a) => a.poolId === d.poolId && a.assignee === ctx.actor.aadObjectId,
    );
    const lines = [
      mine
        ? tr.t('benefits.vs.yourSeat', {
            seat: mine.seatNo,
            date: formatDate(tr.locale, mine.assignedAt.slice(0, 10)),
          })
        : tr.t('benefits.vs.noSeat'),
    ];
    return [item(b.name, { facts, lines })];
  });
}

function activationItems(ctx: BenefitsContext, benefits: Benefit[]): Item[] {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  return benefits.flatMap((b) => {
    const d = b.details;
    if (d.category !== 'technical' && d.category !== 'gtm') return [];
    const facts: Fact[] = [
      { title: tr.t('benefits.fact.status'), value: tr.t(`benefits.activation.${d.status}`) },
    ];
    if (d.category === 'gtm') facts.unshift({ title: tr.t('benefits.fact.offerName'), value: d.offer });
    if (d.category === 'technical') {
      if (admin) {
        facts.push({
          title: tr.t('benefits.fact.allowance'),
          value: tr.t(`benefits.allowance.${d.unit}`, { allowance: d.allowance, used: d.used }),
        });
      }
      // Once active, everyone in the organisation may see the ids to quote in support requests.
      if (d.status === 'active' && d.accessId)
        facts.push({ title: tr.t('benefits.fact.accessId'), value: d.accessId });
      if (d.status === 'active' && d.contractId) {
        facts.push({ title: tr.t('benefits.fact.contractId'), value: d.contractId });
      }
    }
    if (admin) facts.push(...adminFacts(ctx, b));
    return [item(b.name, { facts })];
  });
}

function packageItems(ctx: BenefitsContext): Item[] {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  const canCancel = may(ctx, 'package.cancel');
  return ctx.snapshot.packages.map((p) => {
    const facts: Fact[] = [{ title: tr.t('benefits.fact.status'), value: packageStatus(ctx, p) }];
    if (admin) {
      facts.push(
        { title: tr.t('benefits.fact.offer'), value: tr.t(`benefits.offerType.${p.offerType}`) },
        { title: tr.t('benefits.fact.purchased'), value: date(ctx, p.purchasedOn) },
        { title: tr.t('benefits.fact.expires'), value: expiryText(ctx, p.expiresOn) },
        {
          title: tr.t('benefits.fact.benefits'),
          value: String(ctx.snapshot.benefits.filter((b) => b.packageId === p.id).length),
        },
      );
    }
    const lines: string[] = [];
    if (admin && p.status === 'active') {
      const lastDay = cancellationLastDay(p);
      lines.push(
        daysUntil(ctx.now, lastDay) >= 0
          ? tr.t('benefits.package.cancellableUntil', { date: date(ctx, lastDay) })
          : tr.t('benefits.package.windowClosed', { date: date(ctx, lastDay) }),
      );
    }
    return item(p.name, {
      facts,
      lines,
      buttons:
        canCancel && p.status === 'active'
          ? [
              button(
                tr.t('benefits.package.cancel', { package: p.name }),
                'package.cancel',
                { packageId: p.id },
                'destructive',
              ),
            ]
          : [],
    });
  });
}

function categoryItems(ctx: BenefitsContext, view: BenefitView): Item[] {
  if (view === 'packages') return packageItems(ctx);
  const benefits = visibleBenefits(ctx, view);
  return [...liveItems(ctx, view, benefits), ...cancelledItems(ctx, view)];
}

function liveItems(ctx: BenefitsContext, view: BenefitGroup, benefits: Benefit[]): Item[] {
  switch (view) {
    case 'software':
      return softwareItems(ctx, benefits);
    case 'azureCredit':
      return creditItems(ctx, benefits);
    case 'licence':
      return licenceItems(ctx, benefits);
    case 'visualStudio':
      return visualStudioItems(ctx, benefits);
    case 'technical':
    case 'gtm':
      return activationItems(ctx, benefits);
  }
}

/** Benefits of cancelled packages: listed last, marked cancelled, with nothing to press. */
function cancelledItems(ctx: BenefitsContext, group: BenefitGroup): Item[] {
  const cancelled = new Map(
    ctx.snapshot.packages.filter((p) => p.status === 'cancelled').map((p) => [p.id, p] as const),
  );
  return ctx.snapshot.benefits
    .filter((b) => groupOf(b.details.category) === group && cancelled.has(b.packageId))
    .map((b) => {
      const pkg = cancelled.get(b.packageId) as BenefitPackage;
      return item(b.name, {
        subtitle: ctx.tr.t('benefits.item.cancelled', {
          package: pkg.name,
          date: pkg.cancellation ? formatDate(ctx.tr.locale, pkg.cancellation.at.slice(0, 10)) : '',
        }),
      });
    });
}

export interface Notice {
  text: string;
  style: BenefitsListView['noticeStyle'];
}

/** One category, one page of it, with Back to the summary. */
export function benefitsCategoryView(
  ctx: BenefitsContext,
  view: BenefitView,
  page = 0,
  notice?: Notice,
): BenefitsListView {
  const { tr } = ctx;
  const all = categoryItems(ctx, view);
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const nav: ExecuteButton[] = [];
  if (current > 0)
    nav.push(button(tr.t('benefits.previous'), 'benefits.category', { category: view, page: current - 1 }));
  if (current < pages - 1)
    nav.push(button(tr.t('benefits.next'), 'benefits.category', { category: view, page: current + 1 }));
  nav.push(button(tr.t('benefits.back'), 'benefits.summary'));
  const title = view === 'packages' ? tr.t('benefits.packages.title') : tr.t(`benefits.group.${view}`);
  return {
    title,
    subtitle: tr.t('benefits.subtitle', { tenant: ctx.tenantName, time: formatDateTime(tr.locale, ctx.now) }),
    hasNotice: notice !== undefined,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'default',
    isEmpty: all.length === 0,
    empty: seesAdminView(ctx.actor) ? tr.t('benefits.empty.admin') : tr.t('benefits.empty.employee'),
    // Buttons that post a new card come back to this page of the list.
    items: all.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((it) => ({
      ...it,
      buttons: it.buttons.map((btn) =>
        btn.data.post ? { ...btn, data: { ...btn.data, page: current } } : btn,
      ),
    })),
    hasPager: pages > 1,
    pageText: tr.t('benefits.page', { page: current + 1, pages }),
    nav,
  };
}

/* ------------------------------------------------------------------ software product */

export function softwareProductView(
  ctx: BenefitsContext,
  benefit: Benefit,
  product: SoftwareProduct,
  revealed?: RevealedKey,
): SoftwareProductView {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  const canReveal = may(ctx, 'software.revealKeys');
  const firstRevealedAt =
    benefit.details.category === 'software' ? benefit.details.firstRevealedAt : undefined;
  const facts: Fact[] = [
    {
      title: tr.t('benefits.fact.languages'),
      value: product.languages.map((l) => languageName(ctx, l)).join(', '),
    },
    { title: tr.t('benefits.fact.osTypes'), value: product.osTypes.join(', ') },
  ];
  if (admin) {
    facts.push(...adminFacts(ctx, benefit), {
      title: tr.t('benefits.fact.keys'),
      value: firstRevealedAt
        ? tr.t('benefits.keys.firstViewed', { time: formatDateTime(tr.locale, firstRevealedAt) })
        : tr.t('benefits.keys.notViewed'),
    });
  }
  const nav: ExecuteButton[] = [];
  if (revealed) {
    nav.push(
      button(tr.t('benefits.key.hide'), 'software.product', {
        benefitId: benefit.id,
        productId: product.productId,
      }),
    );
  }
  nav.push(button(tr.t('benefits.back'), 'benefits.category', { category: 'software' }));
  return {
    title: product.name,
    subtitle: product.name === benefit.name ? (packageOf(ctx, benefit)?.name ?? '') : benefit.name,
    facts,
    hasInstructions: Boolean(product.instructions),
    instructionsLabel: tr.t('benefits.instructionsLabel'),
    instructions: product.instructions ?? '',
    keyStyle: revealed ? 'good' : 'emphasis',
    keyLabel: revealed
      ? tr.t('benefits.key.revealedLabel', {
          language: languageName(ctx, revealed.language),
          os: revealed.osType,
        })
      : tr.t('benefits.key.label'),
    keyText: revealed ? revealed.key : MASKED_KEY,
    keyNote: revealed
      ? tr.t('benefits.key.revealedNote', { time: formatDateTime(tr.locale, ctx.now) })
      : canReveal
        ? tr.t('benefits.key.pickNote')
        : tr.t('benefits.key.askAdmin', whoMay(ctx, 'software.revealKeys')),
    canReveal,
    pickLabel: tr.t('benefits.key.pick'),
    pickPlaceholder: tr.t('benefits.key.pickPlaceholder'),
    languageLabel: tr.t('benefits.fact.language'),
    languages: product.languages.map((l): Choice => ({ title: languageName(ctx, l), value: l })),
    osLabel: tr.t('benefits.fact.osType'),
    osTypes: product.osTypes.map((o): Choice => ({ title: o, value: o })),
    reveal: button(
      tr.t('benefits.getKeys'),
      'software.revealKeys',
      { benefitId: benefit.id, productId: product.productId },
      'positive',
    ),
    // The download for the chosen language and OS where there is one, else the product's.
    download: {
      title: tr.t('benefits.download'),
      url:
        (revealed &&
          product.downloads?.find((d) => d.language === revealed.language && d.osType === revealed.osType)
            ?.url) ||
        product.downloadUrl,
    },
    nav,
  };
}

/* ------------------------------------------------------------------ Azure credit */

export function creditManageView(ctx: BenefitsContext, benefit: Benefit, notice?: Notice): CreditManageView {
  const { tr } = ctx;
  const admin = seesAdminView(ctx.actor);
  const d = benefit.details;
  const nav = [button(tr.t('benefits.back'), 'benefits.category', { category: 'azureCredit' })];
  const base = {
    title: benefit.name,
    hasNotice: notice !== undefined,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? ('default' as const),
    peopleLabel: tr.t('benefits.credit.people'),
    pickPlaceholder: tr.t('benefits.credit.pickPlaceholder'),
    nav,
  };
  const members = ctx.snapshot.members;
  if (d.category === 'azureMonthlyCredit') {
    return monthlyCreditView(ctx, benefit, d, admin, base, members);
  }
  if (d.category !== 'azureBulkCredit') throw new Error(`benefit ${benefit.id} is not Azure credit`);
  return bulkCreditView(ctx, benefit, d, admin, base, members);
}

type CreditBase = Pick<
  CreditManageView,
  'title' | 'hasNotice' | 'notice' | 'noticeStyle' | 'peopleLabel' | 'pickPlaceholder' | 'nav'
>;

function monthlyCreditView(
  ctx: BenefitsContext,
  benefit: Benefit,
  d: MonthlyCredit,
  admin: boolean,
  base: CreditBase,
  members: Member[],
): CreditManageView {
  const { tr } = ctx;
  const facts: Fact[] = [
    {
      title: tr.t('benefits.fact.amount'),
      value: tr.t('benefits.credit.perMonth', { amount: money(ctx, d.amountPerMonthUsd) }),
    },
  ];
  if (admin) {
    facts.push(
      {
        title: tr.t('benefits.fact.users'),
        value: tr.t('benefits.credit.usersOf', { used: d.users.length, max: d.maxUsers }),
      },
      { title: tr.t('benefits.fact.lastDay'), value: expiryText(ctx, benefit.expiresOn) },
    );
  }
  const canRemove = may(ctx, 'credit.removeUser');
  const candidates = members.filter((m) => !d.users.includes(m.aadObjectId));
  const canPick = may(ctx, 'credit.addUser') && d.users.length < d.maxUsers && candidates.length > 0;
  return {
    ...base,
    subtitle: tr.t('benefits.credit.monthly'),
    facts,
    ruleNote: admin
      ? tr.t('benefits.credit.monthlyRule', { max: d.maxUsers })
      : d.users.includes(ctx.actor.aadObjectId)
        ? tr.t('benefits.credit.youHaveAccess')
        : tr.t('benefits.credit.noAccess'),
    showPeople: admin,
    people: admin
      ? d.users.map((u) => {
          const m = members.find((x) => x.aadObjectId === u);
          return {
            name: m ? personLabel(ctx, m) : tr.t('benefits.unknownPerson'),
            detail: m?.email ?? '',
            hasButtons: canRemove,
            buttons: canRemove
              ? [
                  button(
                    tr.t('benefits.credit.remove'),
                    'credit.removeUser',
                    { benefitId: benefit.id, person: u },
                    'destructive',
                  ),
                ]
              : [],
          };
        })
      : [],
    canPick,
    pickLabel: tr.t('benefits.credit.addLabel'),
    choices: canPick ? candidates.map((m) => ({ title: personLabel(ctx, m), value: m.aadObjectId })) : [],
    pick: button(tr.t('benefits.credit.add'), 'credit.addUser', { benefitId: benefit.id }, 'positive'),
  };
}

function bulkCreditView(
  ctx: BenefitsContext,
  benefit: Benefit,
  d: BulkCredit,
  admin: boolean,
  base: CreditBase,
  members: Member[],
): CreditManageView {
  const { tr } = ctx;
  const lastDay = enrollmentYearLastDay(d.enrollmentYearStart);
  const facts: Fact[] = [
    {
      title: tr.t('benefits.fact.amount'),
      value: tr.t('benefits.credit.perYear', { amount: money(ctx, d.amountPerYearUsd) }),
    },
  ];
  if (admin) {
    facts.push(
      {
        title: tr.t('benefits.fact.holder'),
        value: d.holder ? nameOf(ctx, d.holder) : tr.t('benefits.nobody'),
      },
      { title: tr.t('benefits.fact.enrollmentYear'), value: date(ctx, lastDay) },
      { title: tr.t('benefits.fact.lastDay'), value: expiryText(ctx, benefit.expiresOn) },
    );
    if (d.combinedWith.length > 0)
      facts.push({ title: tr.t('benefits.fact.combinedWith'), value: d.combinedWith.join(', ') });
  }
  const combined = d.combinedWith.length > 0;
  const inYear = withinEnrollmentYear(d, ctx.now);
  const assigning = !d.holder;
  const action: Action = assigning ? 'credit.addUser' : 'credit.transfer';
  const candidates = members.filter((m) => m.aadObjectId !== d.holder);
  const canPick = may(ctx, action) && !combined && (assigning || inYear) && candidates.length > 0;
  let ruleNote: string;
  if (!admin)
    ruleNote =
      d.holder === ctx.actor.aadObjectId ? tr.t('benefits.credit.youHold') : tr.t('benefits.credit.noAccess');
  else if (combined) ruleNote = tr.t('benefits.credit.notCombinable', { offers: d.combinedWith.join(', ') });
  else if (!assigning && !inYear)
    ruleNote = tr.t('benefits.credit.outsideEnrollmentYear', { date: date(ctx, lastDay) });
  else ruleNote = tr.t('benefits.credit.bulkRule', { date: date(ctx, lastDay) });
  const holder = d.holder ? members.find((m) => m.aadObjectId === d.holder) : undefined;
  return {
    ...base,
    subtitle: tr.t('benefits.credit.bulk'),
    facts,
    ruleNote,
    showPeople: admin && d.holder !== undefined,
    people:
      admin && d.holder
        ? [
            {
              name: holder ? personLabel(ctx, holder) : tr.t('benefits.unknownPerson'),
              detail: tr.t('benefits.credit.holderDetail'),
              hasButtons: false,
              buttons: [],
            },
          ]
        : [],
    canPick,
    pickLabel: assigning ? tr.t('benefits.credit.assignLabel') : tr.t('benefits.credit.transferLabel'),
    choices: canPick ? candidates.map((m) => ({ title: personLabel(ctx, m), value: m.aadObjectId })) : [],
    pick: assigning
      ? button(tr.t('benefits.credit.assign'), 'credit.addUser', { benefitId: benefit.id }, 'positive')
      : button(tr.t('benefits.credit.transfer'), 'credit.transfer', { benefitId: benefit.id }, 'positive'),
  };
}

/* ------------------------------------------------------------------ licence keys */

function planFacts(ctx: BenefitsContext, plan: RedemptionPlan): Fact[] {
  const { tr } = ctx;
  return [
    { title: tr.t('benefits.fact.seatsAfter'), value: String(plan.seatsAfter) },
    { title: tr.t('benefits.fact.newEndDate'), value: date(ctx, plan.endDateAfter) },
    {
      title: tr.t('benefits.fact.term'),
      value: tr.t('benefits.months', { months: months(ctx, plan.termMonths) }),
    },
  ];
}

function licenceHeader(ctx: BenefitsContext, benefit: Benefit, keyId: string): Fact[] {
  const { tr } = ctx;
  const d = benefit.details;
  if (d.category !== 'licence') return [];
  const key = d.keys.find((k) => k.keyId === keyId);
  return [
    { title: tr.t('benefits.fact.key'), value: `${keyId} · ${MASKED_KEY}` },
    { title: tr.t('benefits.fact.keySeats'), value: String(key?.seats ?? 0) },
    { title: tr.t('benefits.fact.activeSeats'), value: String(d.activeSeats) },
    {
      title: tr.t('benefits.fact.subscriptionEnds'),
      value: d.endDate ? date(ctx, d.endDate) : tr.t('benefits.licence.notStarted'),
    },
    { title: tr.t('benefits.fact.lastDay'), value: expiryText(ctx, benefit.expiresOn) },
  ];
}

const redeemData = (benefit: Benefit, plan: RedemptionPlan, acceptShortTerm = false) => ({
  benefitId: benefit.id,
  keyId: plan.keyId,
  mode: plan.mode,
  expectEndDate: plan.endDateAfter,
  ...(acceptShortTerm ? { acceptShortTerm: true } : {}),
});

/** Both ways to redeem a key, each with its resulting seats and end date, before anything is written. */
export function licenceOptionsView(
  ctx: BenefitsContext,
  benefit: Benefit,
  keyId: string,
  plans: Record<RedeemMode, RedemptionPlan | { key: string; params: Params }>,
  changed = false,
  productKey?: string,
): BenefitsConfirmView {
  const { tr } = ctx;
  const modes: RedeemMode[] = ['extend', 'addSeats'];
  const howTo = productKey
    ? [
        { text: tr.t('benefits.licence.keyShown', { key: productKey }) },
        { text: tr.t('benefits.licence.whereToRedeem') },
        { text: tr.t('benefits.licence.rightTenant', { tenant: ctx.tenantName }) },
        { text: tr.t('benefits.licence.thenConfirm') },
      ]
    : [];
  return {
    title: tr.t('benefits.licence.redeemTitle', { keyId }),
    subtitle: benefit.name,
    facts: licenceHeader(ctx, benefit, keyId),
    hasWarning: changed,
    warningStyle: 'warning',
    warnings: changed ? [{ text: tr.t('benefits.licence.changed') }] : [],
    lines: [...howTo, { text: tr.t('benefits.licence.once') }],
    options: modes.map((mode) => {
      const plan = plans[mode];
      const title = tr.t(`benefits.licence.mode.${mode}`);
      if (!('mode' in plan)) {
        return {
          title,
          hasFacts: false,
          facts: [],
          lines: [{ text: tr.t(plan.key as MessageKey, plan.params) }],
          hasButtons: false,
          buttons: [],
        };
      }
      const lines = [
        tr.t(`benefits.licence.explain.${mode}`, {
          keySeats: plan.keySeats,
          months: months(ctx, plan.monthsAdded),
        }),
      ];
      if (plan.shortTerm) lines.push(tr.t('benefits.licence.shortTermHint'));
      return {
        title,
        hasFacts: true,
        facts: planFacts(ctx, plan),
        lines: lines.map((text) => ({ text })),
        hasButtons: true,
        buttons: [
          button(
            tr.t(`benefits.licence.confirm.${mode}`),
            'license.redeem',
            redeemData(benefit, plan),
            'positive',
          ),
        ],
      };
    }),
    buttons: [button(tr.t('benefits.back'), 'benefits.category', { category: 'licence' })],
  };
}

/** Adding seats leaves less than 12 months: a second, explicit confirmation. */
export function licenceShortTermView(
  ctx: BenefitsContext,
  benefit: Benefit,
  plan: RedemptionPlan,
): BenefitsConfirmView {
  const { tr } = ctx;
  return {
    title: tr.t('benefits.licence.shortTermTitle'),
    subtitle: benefit.name,
    facts: [...licenceHeader(ctx, benefit, plan.keyId), ...planFacts(ctx, plan)],
    hasWarning: true,
    warningStyle: 'attention',
    warnings: [
      {
        text: tr.t('benefits.licence.shortTermWarning', {
          months: months(ctx, plan.termMonths),
          date: date(ctx, plan.endDateAfter),
        }),
      },
    ],
    lines: [{ text: tr.t('benefits.licence.once') }],
    options: [],
    buttons: [
      button(
        tr.t('benefits.licence.confirmShortTerm'),
        'license.redeem',
        redeemData(benefit, plan, true),
        'destructive',
      ),
      button(tr.t('benefits.licence.otherChoice'), 'license.options', {
        benefitId: benefit.id,
        keyId: plan.keyId,
      }),
      button(tr.t('benefits.back'), 'benefits.category', { category: 'licence' }),
    ],
  };
}

export function redeemedNotice(ctx: BenefitsContext, benefit: Benefit, plan: RedemptionPlan): Notice {
  return {
    style: 'good',
    text: ctx.tr.t('benefits.licence.redeemed', {
      keyId: plan.keyId,
      product: benefit.name,
      seats: plan.seatsAfter,
      date: date(ctx, plan.endDateAfter),
    }),
  };
}

/* ------------------------------------------------------------------ package cancellation */

export function cancelPackageView(
  ctx: BenefitsContext,
  pkg: BenefitPackage,
  blocks: readonly CancellationBlock[],
): BenefitsConfirmView {
  const { tr } = ctx;
  const benefits = ctx.snapshot.benefits.filter((b) => b.packageId === pkg.id);
  const facts: Fact[] = [
    { title: tr.t('benefits.fact.offer'), value: tr.t(`benefits.offerType.${pkg.offerType}`) },
    { title: tr.t('benefits.fact.purchased'), value: date(ctx, pkg.purchasedOn) },
    { title: tr.t('benefits.fact.cancelUntil'), value: date(ctx, cancellationLastDay(pkg)) },
    { title: tr.t('benefits.fact.benefits'), value: String(benefits.length) },
  ];
  const back = button(tr.t('benefits.package.keep'), 'benefits.category', { category: 'packages' });
  if (blocks.length > 0) {
    return {
      title: tr.t('benefits.package.cannotCancelTitle'),
      subtitle: pkg.name,
      facts,
      hasWarning: true,
      warningStyle: 'attention',
      warnings: blocks.map((b) => {
        const { key, params } = explainBlock(b);
        return { text: tr.t(key as MessageKey, localiseDates(ctx, params)) };
      }),
      lines: [{ text: tr.t('benefits.package.rules') }],
      options: [],
      buttons: [button(tr.t('benefits.back'), 'benefits.category', { category: 'packages' })],
    };
  }
  return {
    title: tr.t('benefits.package.confirmTitle'),
    subtitle: pkg.name,
    facts,
    hasWarning: true,
    warningStyle: 'warning',
    warnings: [{ text: tr.t('benefits.package.confirmWarning', { count: benefits.length }) }],
    lines: [],
    options: [],
    buttons: [
      button(
        tr.t('benefits.package.confirm'),
        'package.cancel',
        { packageId: pkg.id, confirmed: true },
        'destructive',
      ),
      back,
    ],
  };
}

export function cancelledNotice(ctx: BenefitsContext, pkg: BenefitPackage): Notice {
  return { style: 'good', text: ctx.tr.t('benefits.package.done', { name: pkg.name }) };
}

/** Rule parameters that are dates (YYYY-MM-DD) read as dates in the person's language. */
function localiseDates(ctx: BenefitsContext, params: Params): Params {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? date(ctx, v) : v,
    ]),
  );
}
