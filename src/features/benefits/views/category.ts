import { type ExecuteButton, type Fact } from '../../../cards';
import { groupOf, MASKED_KEY, seesAdminView, type BenefitGroup } from '../../../domain/benefits';
import { daysUntil } from '../../../domain/dates';
import type { Benefit, BenefitPackage } from '../../../domain/model';
import { cancellationLastDay } from '../../../domain/packageCancellation';
import { formatDate, formatDateTime } from '../../../i18n';
import type { BenefitsContext, BenefitsListView, BenefitView, Item, Notice } from './model';
import { PAGE_SIZE } from './model';
import {
  adminFacts,
  creditFacts,
  button,
  date,
  expiryText,
  item,
  may,
  nameOf,
  productFacts,
  whoMay,
} from './parts';
import { packageStatus, seatsUsed, visibleBenefits } from './summary';

/* ------------------------------------------------------------------ category cards */

function softwareItems(ctx: BenefitsContext, benefits: Benefit[]): Item[] {
  const { tr } = ctx;
  const canReveal = may(ctx, 'software.revealKeys');
  const who = whoMay(ctx, 'software.revealKeys');
  return benefits.flatMap((b) => {
    if (b.details.category !== 'software') return [];
    const revealedAt = b.details.firstRevealedAt;
    return b.details.products.map((p) => {
      const facts = productFacts(ctx, b, p, revealedAt);
      // The product's instructions speak of "the key below": they come before the (masked) key.
      const lines = p.instructions ? [tr.t('benefits.instructions', { text: p.instructions })] : [];
      lines.push(tr.t('benefits.key.masked', { key: MASKED_KEY }));
      if (!canReveal) lines.push(tr.t('benefits.key.askAdmin', who));
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
      const facts = creditFacts(ctx, d, admin, adminFacts(ctx, b));
      const lines = d.users.includes(ctx.actor.aadObjectId) ? [tr.t('benefits.credit.youHaveAccess')] : [];
      return [item(b.name, { subtitle: tr.t('benefits.credit.monthly'), facts, lines, buttons: manage })];
    }
    if (d.category === 'azureBulkCredit') {
      const facts = creditFacts(ctx, d, admin, adminFacts(ctx, b));
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
  return benefits.flatMap((b, index) => {
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
    // What an admin does with the pools from here, once under the first of them (the commands ask
    // which pool): each button only when they may run it.
    const first = benefits.findIndex((other) => other.details.category === 'visualStudio') === index;
    const commands =
      admin && first
        ? VISUAL_STUDIO_COMMANDS.flatMap(([id, key]) => {
            const command = ctx.commandPhrase?.(id);
            return command ? [{ title: tr.t(key), command }] : [];
          })
        : [];
    return [item(b.name, { facts, lines, commands })];
  });
}

const VISUAL_STUDIO_COMMANDS = [
  ['seatPools', 'benefits.vs.pools'],
  ['assignSeat', 'benefits.vs.assign'],
  ['pendingApprovals', 'benefits.vs.pending'],
] as const;

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
