import {
  BENEFIT_GROUPS,
  activationOf,
  groupOf,
  liveBenefits,
  seesAdminView,
  soonestExpiry,
  type BenefitGroup,
} from '../../../domain/benefits';
import { lastGraceDay, membershipExpired, renewalDue } from '../../../domain/membership';
import type { Benefit, BenefitPackage } from '../../../domain/model';
import { formatDateTime } from '../../../i18n';
import type { BenefitsContext, BenefitsSummaryView } from './model';
import { button, date, expiryText } from './parts';

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

export function seatsUsed(ctx: BenefitsContext, poolId: string): number {
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
      // Labelled: a bare large number beside "2 of 10 seats in use" read as a count of something else.
      count:
        benefits.length === 1
          ? tr.t('benefits.count.one')
          : tr.t('benefits.count.many', { count: benefits.length }),
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

export function packageStatus(ctx: BenefitsContext, p: BenefitPackage): string {
  if (p.status === 'cancelled') {
    return ctx.tr.t('benefits.package.cancelled', {
      date: p.cancellation ? formatDateTime(ctx.tr.locale, p.cancellation.at) : '',
    });
  }
  return ctx.tr.t('benefits.package.active');
}
