import type { Standing } from '../../domain/activation';
import { localiseRule } from '../shared/errors';
import type {
  SupportAdvice,
  SupportOverview,
  TechnicalEligibility,
  TechnicalState,
} from '../../domain/support';
import { SUPPORT_CATALOGUE, type ProgrammeTier, type SupportCatalogue } from '../../domain/supportCatalogue';
import { formatDate, joinList, type MessageKey, type Translator } from '../../i18n';
import { toIsoDate } from '../../domain/dates';
import supportTemplate from '../../../cards/support/support.json';
import supportAdviceTemplate from '../../../cards/support/supportAdvice.json';
import {
  cardTemplate,
  type AdaptiveCard,
  type CardNotice,
  type ContainerStyle,
  type Fact,
  type CardRender,
} from '../../cards';
import {
  activationButtons,
  type ActivationPermissions,
  type BenefitVerbButton,
} from '../shared/activationViews';

export type { BenefitVerbButton } from '../shared/activationViews';

export interface SupportView {
  title: string;
  subtitle: string;
  notices: CardNotice[];
  benefits: {
    name: string;
    kind: string;
    status: string;
    lines: { text: string }[];
    /** Access ID and Contract ID, once active: every member of the organisation may see them. */
    ids: Fact[];
    actions: BenefitVerbButton[];
  }[];
  locked: { label: string; items: { text: string }[] }[];
  footer: string;
  page: number;
  pages: { title: string; page: number }[];
  refreshTitle: string;
  requestTitle: string;
  requestCommand: string;
}

export interface SupportAdviceView {
  title: string;
  facts: Fact[];
  explanation: string;
  style: ContainerStyle;
  lines: { text: string }[];
  ids: Fact[];
  executes: BenefitVerbButton[];
  buttons: { title: string; command: string }[];
}

export const renderSupport: CardRender<SupportView> = cardTemplate(supportTemplate, {
  supportView: 'support.view',
});
export const renderSupportAdvice = cardTemplate<SupportAdviceView>(supportAdviceTemplate);

/** Technical benefits on one card page; a tenant with more pages through them. */
export const SUPPORT_PAGE_SIZE = 5;

type Notice = SupportView['notices'][number];

export const tierLabel = (tr: Translator, tier: ProgrammeTier): string => tier.label[tr.locale];

/** "Silver competency or Gold competency", in the reader's language. */
export const tierList = (tr: Translator, tiers: readonly ProgrammeTier[]): string =>
  joinList(
    tr.locale,
    tiers.map((t) => tierLabel(tr, t)),
    'or',
  );

/** Tiers that include at least one technical benefit. */
function tiersWithTechnical(catalogue: SupportCatalogue): ProgrammeTier[] {
  const ids = new Set(catalogue.technical.flatMap((t) => Object.keys(t.allowances)));
  return catalogue.tiers.filter((t) => ids.has(t.id));
}

/** Why the organisation cannot use technical benefits at all, or undefined when it can. */
export function standingProblem(
  tr: Translator,
  standing: Standing,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): string | undefined {
  if (standing.ok) return undefined;
  if (standing.reason === 'noMembership') return tr.t('support.standing.noMembership');
  if (standing.reason === 'notActive') return tr.t('support.standing.notActive');
  return tr.t('support.standing.noTier', { tiers: tierList(tr, tiersWithTechnical(catalogue)) });
}

export function subtitle(tr: Translator, tenantName: string, standing: Standing): string {
  return standing.ok
    ? tr.t('support.subtitle', { tenant: tenantName, tier: tierLabel(tr, standing.tier) })
    : tenantName;
}

/**
 * A rule refusal whose `tiers` parameter holds catalogue tier ids, with the ids turned into
 * tier names in the reader's language (the domain does not know who reads it).
 */
export function withTierNames(
  err: unknown,
  tr: Translator,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): unknown {
  return localiseRule(err, tr, {
    tiers: (ids) =>
      tierList(
        tr,
        catalogue.tiers.filter((t) => ids.includes(t.id)),
      ),
  });
}

function ineligibleText(
  tr: Translator,
  e: Exclude<TechnicalEligibility, { eligible: true }>,
  standing: Standing,
): string {
  if (e.reason === 'notInCatalogue') return tr.t('support.notInCatalogue');
  if (e.reason === 'tier' && standing.ok)
    return tr.t('support.ineligible', {
      tier: tierLabel(tr, standing.tier),
      tiers: tierList(tr, e.unlockTiers),
    });
  return tr.t('support.ineligibleNoTier', { tiers: tierList(tr, e.unlockTiers) });
}

const statusKey = (s: TechnicalState['status'] | 'expired'): MessageKey => `support.status.${s}`;

export interface SupportViewInput extends ActivationPermissions {
  overview: SupportOverview;
  tenantName: string;
  delayDays: number;
  page?: number;
  notice?: Notice;
  catalogue?: SupportCatalogue;
}

function benefitRow(
  tr: Translator,
  s: TechnicalState,
  input: SupportViewInput,
  standing: Standing,
): SupportView['benefits'][number] {
  const d = s.benefit.details;
  const lastDayPassed = s.status === 'notActivated' && s.expired;
  const lines: { text: string }[] = [];
  const rule = s.eligibility.eligible ? s.eligibility.rule : { kind: 'count' as const };
  if (rule.kind === 'unlimited') lines.push({ text: tr.t('support.allowance.unlimited') });
  else if (rule.kind === 'deducted') {
    const from = (input.catalogue ?? SUPPORT_CATALOGUE).technical.find((t) => t.kind === rule.from);
    const shared = input.overview.benefits.find((x) => x.benefit.details.kind === rule.from);
    lines.push({
      text: tr.t('support.allowance.deducted', {
        from: from?.label[tr.locale] ?? rule.from,
        remaining: shared?.remaining ?? s.allowance,
        allowance: shared?.allowance ?? s.allowance,
      }),
    });
  } else
    lines.push({
      text: tr.t(d.unit === 'hours' ? 'support.remaining.hours' : 'support.remaining.incidents', {
        remaining: s.remaining,
        allowance: s.allowance,
      }),
    });
  if (s.status === 'pending' && d.requestedOn) {
    lines.push({
      text: tr.t('support.requested', {
        date: formatDate(tr.locale, d.requestedOn),
        completes: formatDate(tr.locale, (s.completesAt ?? new Date(d.requestedOn)).toISOString()),
      }),
    });
    lines.push({ text: tr.t('support.idsPending') });
  } else if (s.status === 'active') {
    const since = d.activatedOn ?? (s.completesAt ? toIsoDate(s.completesAt) : undefined);
    if (since) lines.push({ text: tr.t('support.activeSince', { date: formatDate(tr.locale, since) }) });
  } else if (lastDayPassed) {
    lines.push({ text: tr.t('support.lastDayPassed', { date: formatDate(tr.locale, s.benefit.expiresOn) }) });
  } else {
    lines.push({ text: tr.t('support.activateBy', { date: formatDate(tr.locale, s.benefit.expiresOn) }) });
  }
  if (!s.eligibility.eligible && s.status !== 'active')
    lines.push({ text: ineligibleText(tr, s.eligibility, standing) });
  const ids =
    s.status === 'active' && d.accessId && d.contractId
      ? [
          { title: tr.t('support.accessId'), value: d.accessId },
          { title: tr.t('support.contractId'), value: d.contractId },
        ]
      : [];
  if (ids.length > 0) lines.push({ text: tr.t('support.idsHint') });
  const actions = activationButtons('support', s, input, (act) =>
    tr.t(act === 'activate' ? 'support.button.activate' : 'support.button.complete', {
      name: s.benefit.name,
    }),
  );
  // Completing by hand exists only in local mode: the row says so next to its button.
  if (actions.some((a) => a.verb === 'support.complete'))
    lines.push({ text: tr.t('support.completeLocalNote') });
  const status = lastDayPassed ? 'expired' : s.status;
  return {
    name: s.benefit.name,
    kind: s.entry ? s.entry.label[tr.locale] : d.kind,
    status: tr.t(statusKey(status)),
    lines,
    ids,
    actions,
  };
}

export function supportView(tr: Translator, input: SupportViewInput): SupportView {
  const catalogue = input.catalogue ?? SUPPORT_CATALOGUE;
  const { standing, benefits, locked } = input.overview;
  const pageCount = Math.max(1, Math.ceil(benefits.length / SUPPORT_PAGE_SIZE));
  const page = Math.min(Math.max(0, input.page ?? 0), pageCount - 1);
  const notices: Notice[] = [];
  if (input.notice) notices.push(input.notice);
  const problem = standingProblem(tr, standing, catalogue);
  if (problem) notices.push({ text: problem, style: 'warning' });
  if (benefits.length === 0) notices.push({ text: tr.t('support.empty'), style: 'default' });
  const pages: SupportView['pages'] = [];
  if (page > 0) pages.push({ title: tr.t('support.button.previous'), page: page - 1 });
  if (page < pageCount - 1) pages.push({ title: tr.t('support.button.next'), page: page + 1 });
  const footer = [
    pageCount > 1 ? tr.t('support.page', { page: page + 1, pages: pageCount }) : '',
    tr.t('support.footer', { days: input.delayDays }),
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    title: tr.t('support.title'),
    subtitle: subtitle(tr, input.tenantName, standing),
    notices,
    benefits: benefits
      .slice(page * SUPPORT_PAGE_SIZE, (page + 1) * SUPPORT_PAGE_SIZE)
      .map((s) => benefitRow(tr, s, input, standing)),
    locked:
      locked.length > 0 && standing.ok
        ? [
            {
              label: tr.t('support.lockedLabel'),
              items: locked.map((l) => ({
                text: tr.t('support.locked', {
                  name: l.entry.label[tr.locale],
                  tiers: tierList(tr, 'unlockTiers' in l.eligibility ? l.eligibility.unlockTiers : []),
                }),
              })),
            },
          ]
        : [],
    footer,
    page,
    pages,
    refreshTitle: tr.t('support.button.refresh'),
    requestTitle: tr.t('support.button.request'),
    requestCommand: tr.locale === 'zh-CN' ? '提交支持请求' : 'open a support request',
  };
}

export function supportCard(tr: Translator, input: SupportViewInput): AdaptiveCard {
  return renderSupport(supportView(tr, input));
}

/* ------------------------------------------------------------------ advice */

export function supportAdviceView(
  tr: Translator,
  advice: SupportAdvice,
  standing: Standing,
  canActivate: boolean,
): SupportAdviceView {
  const benefitName = advice.state?.benefit.name ?? advice.entry.label[tr.locale];
  const facts = [
    { title: tr.t('support.advice.productsLabel'), value: advice.family.label[tr.locale] },
    { title: tr.t('support.advice.kindLabel'), value: advice.entry.label[tr.locale] },
  ];
  if (advice.state)
    facts.push({ title: tr.t('support.advice.benefitLabel'), value: advice.state.benefit.name });
  const lines: { text: string }[] = [];
  let ids: SupportAdviceView['ids'] = [];
  let style: SupportAdviceView['style'] = 'default';
  const executes: SupportAdviceView['executes'] = [];
  switch (advice.outcome) {
    case 'useIds':
      style = 'good';
      lines.push({ text: tr.t('support.advice.useIds') });
      ids = [
        { title: tr.t('support.accessId'), value: advice.accessId },
        { title: tr.t('support.contractId'), value: advice.contractId },
      ];
      break;
    case 'noIdsNeeded':
      style = 'good';
      lines.push({
        text: tr.t('support.advice.noIds', {
          name: benefitName,
          status: tr.t(statusKey(advice.state?.status ?? 'notActivated')),
        }),
      });
      break;
    case 'pending':
      style = 'warning';
      lines.push({
        text: advice.completesAt
          ? tr.t('support.advice.pending', {
              name: benefitName,
              date: formatDate(tr.locale, advice.completesAt.toISOString()),
            })
          : tr.t('support.advice.pendingNoDate', { name: benefitName }),
      });
      break;
    case 'activateFirst':
      style = 'warning';
      lines.push({ text: tr.t('support.advice.activateFirst', { name: benefitName }) });
      if (canActivate && advice.state && !advice.state.expired)
        executes.push({
          title: tr.t('support.button.activate', { name: advice.state.benefit.name }),
          verb: 'support.activate',
          benefitId: advice.state.benefit.id,
        });
      else lines.push({ text: tr.t('support.advice.whoActivates') });
      break;
    case 'ineligible': {
      style = 'attention';
      const e = advice.eligibility;
      const problem = standingProblem(tr, standing);
      lines.push({
        text:
          e.reason === 'tier' || !problem
            ? tr.t('support.advice.ineligible', {
                name: benefitName,
                tiers: tierList(tr, 'unlockTiers' in e ? e.unlockTiers : []),
              })
            : tr.t('support.advice.standing', { reason: problem }),
      });
      break;
    }
    case 'notHeld':
      style = 'attention';
      lines.push({ text: tr.t('support.advice.notHeld', { name: benefitName }) });
      break;
  }
  return {
    title: tr.t('support.advice.title'),
    facts,
    explanation: tr.t(advice.need === 'breakFix' ? 'support.advice.breakFix' : 'support.advice.advisory'),
    style,
    lines,
    ids,
    executes,
    buttons: [
      {
        title: tr.t('support.button.request'),
        command: tr.locale === 'zh-CN' ? '提交支持请求' : 'open a support request',
      },
      { title: tr.t('support.title'), command: tr.locale === 'zh-CN' ? '技术支持' : 'support' },
    ],
  };
}
