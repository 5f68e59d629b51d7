import { type Fact } from '../../../cards';
import { explainBlock } from '../../../domain/benefitActions';
import { MASKED_KEY } from '../../../domain/benefits';
import type { RedeemMode, RedemptionPlan } from '../../../domain/licenceTerm';
import type { Benefit, BenefitPackage } from '../../../domain/model';
import type { RuleKey } from '../../../domain/errors';
import { cancellationLastDay, type CancellationBlock } from '../../../domain/packageCancellation';
import type { Params } from '../../../i18n';
import type { BenefitsConfirmView, BenefitsContext, Notice } from './model';
import { button, date, expiryText, months } from './parts';
import { localiseParams } from '../../shared/errors';

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
  plans: Record<RedeemMode, RedemptionPlan | { key: RuleKey; params: Params }>,
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
          lines: [{ text: tr.t(plan.key, plan.params) }],
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
        return { text: tr.t(key, localiseParams(tr, params)) };
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
