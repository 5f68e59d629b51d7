import { type Choice, type ExecuteButton } from '../../../cards';
import {
  enrollmentYearLastDay,
  withinEnrollmentYear,
  type BulkCredit,
  type MonthlyCredit,
} from '../../../domain/azureCredit';
import { type RevealedKey, type SoftwareProduct } from '../../../domain/benefitActions';
import { MASKED_KEY, seesAdminView } from '../../../domain/benefits';
import type { Benefit, Member } from '../../../domain/model';
import { type Action } from '../../../domain/policy';
import { formatDateTime } from '../../../i18n';
import type { BenefitsContext, CreditManageView, Notice, SoftwareProductView } from './model';
import {
  button,
  date,
  expiryText,
  languageName,
  may,
  packageOf,
  personLabel,
  productFacts,
  whoMay,
  creditFacts,
} from './parts';

/* ------------------------------------------------------------------ software product */

export function softwareProductView(
  ctx: BenefitsContext,
  benefit: Benefit,
  product: SoftwareProduct,
  revealed?: RevealedKey,
): SoftwareProductView {
  const { tr } = ctx;
  const canReveal = may(ctx, 'software.revealKeys');
  const firstRevealedAt =
    benefit.details.category === 'software' ? benefit.details.firstRevealedAt : undefined;
  const facts = productFacts(ctx, benefit, product, firstRevealedAt);
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
    language: revealed?.language ?? '',
    osLabel: tr.t('benefits.fact.osType'),
    osTypes: product.osTypes.map((o): Choice => ({ title: o, value: o })),
    osType: revealed?.osType ?? '',
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
  const facts = creditFacts(ctx, d, admin, [
    { title: tr.t('benefits.fact.lastDay'), value: expiryText(ctx, benefit.expiresOn) },
  ]);
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
  const facts = creditFacts(ctx, d, admin, [
    { title: tr.t('benefits.fact.lastDay'), value: expiryText(ctx, benefit.expiresOn) },
  ]);
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
