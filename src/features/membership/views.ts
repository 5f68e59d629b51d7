import type { ParamNames } from '../shared/errors';
import {
  allOffers,
  isEarned,
  membershipExpired,
  membershipLapsed,
  renewalDue,
  offerEligibility,
  renewalWindow,
  type Holdings,
  type Offer,
} from '../../domain/membership';
import { areaEntry, levelEntry, type MembershipCatalogue } from '../../domain/membershipCatalogue';
import type { Competency, Member, Membership, MembershipLevel } from '../../domain/model';
import { authorize, type Action } from '../../domain/policy';
import { formatDate, formatDateTime, joinList, type Translator } from '../../i18n';
import membershipTemplate from '../../../cards/membership/membership.json';
import { cardTemplate, type CardNotice, type Fact, type CardRender } from '../../cards';
import { type ActionConfirmView } from '../shared/cards';

export interface MembershipView {
  title: string;
  subtitle: string;
  banners: CardNotice[];
  facts: Fact[];
  /** Action.Submit buttons that start a command (enrol / continue enrolment). */
  continueButtons: { title: string; command: string }[];
  /** Local mode only, for a Global admin while under review. */
  approveButtons: { title: string }[];
  /** Local mode only: the demo stand-in for the programme's review of a competency application. */
  reviewButtons: { title: string; data: { application: string; decision: 'approve' | 'decline' } }[];
  renewButtons: { title: string; expiresOn: string }[];
  upgrade: {
    title: string;
    label: string;
    choices: Fact[];
    reviewTitle: string;
  }[];
  refreshTitle: string;
  updatedAt: string;
}

export const renderMembership: CardRender<MembershipView> = cardTemplate(membershipTemplate, {
  enrollApprove: 'enroll.approve',
  membershipRenew: 'membership.renew',
  membershipReview: 'membership.review',
  membershipUpgrade: 'membership.upgrade',
  membershipView: 'membership.view',
});

export type Notice = MembershipView['banners'][number];

export function levelLabel(tr: Translator, catalogue: MembershipCatalogue, level: MembershipLevel): string {
  return levelEntry(catalogue, level).label[tr.locale];
}

export function competencyLabel(tr: Translator, catalogue: MembershipCatalogue, c: Competency): string {
  const tier = catalogue.tiers.find((t) => t.id === c.tier)?.label[tr.locale] ?? c.tier;
  const area = areaEntry(catalogue, c.area)?.label[tr.locale] ?? c.area;
  return tr.t('membership.competency', { tier, area });
}

export function offerLabel(tr: Translator, catalogue: MembershipCatalogue, offer: Offer): string {
  if (offer.area && offer.tier) return competencyLabel(tr, catalogue, { area: offer.area, tier: offer.tier });
  return levelLabel(tr, catalogue, offer.level);
}

/** What a membership is called today: its level, or its competencies when it holds some. */
export function membershipLevelText(tr: Translator, catalogue: MembershipCatalogue, m: Membership): string {
  if (m.competencies.length > 0)
    return joinList(
      tr.locale,
      m.competencies.map((c) => competencyLabel(tr, catalogue, c)),
      'and',
    );
  return levelLabel(tr, catalogue, m.level);
}

export interface MembershipViewInput {
  catalogue: MembershipCatalogue;
  tenantName: string;
  holdings: Holdings;
  viewer: Member;
  localMode: boolean;
  now: Date;
  /** The command that starts or continues the enrolment, in the viewer's language. */
  enrollCommand: string;
  /** An enrolment document exists (someone began enrolling). */
  enrollmentStarted: boolean;
  notices?: Notice[];
}

export function membershipView(tr: Translator, input: MembershipViewInput): MembershipView {
  const { catalogue, now } = input;
  const m = input.holdings.membership;
  const may = (action: Action) =>
    authorize(
      { tenantId: input.viewer.tenantId, aadObjectId: input.viewer.aadObjectId, roles: input.viewer.roles },
      action,
    ).allowed;
  const date = (d: string) => formatDate(tr.locale, d);
  const banners: Notice[] = [...(input.notices ?? [])];
  const facts: { title: string; value: string }[] = [];
  const view: MembershipView = {
    title: tr.t('membership.title'),
    subtitle: input.tenantName,
    banners,
    facts,
    continueButtons: [],
    approveButtons: [],
    reviewButtons: [],
    renewButtons: [],
    upgrade: [],
    refreshTitle: tr.t('membership.button.refresh'),
    updatedAt: tr.t('membership.updatedAt', { time: formatDateTime(tr.locale, now) }),
  };
  if (!m || (m.status === 'draft' && !input.enrollmentStarted)) {
    banners.push({ style: 'emphasis', text: tr.t('membership.notEnrolled', { tenant: input.tenantName }) });
    if (may('enroll.start'))
      view.continueButtons.push({ title: tr.t('membership.button.enroll'), command: input.enrollCommand });
    return view;
  }
  const expired = membershipExpired(m, now);
  const window = renewalWindow(catalogue, m, now);
  if (m.partnerId) facts.push({ title: tr.t('membership.fact.partnerId'), value: m.partnerId });
  facts.push({ title: tr.t('membership.fact.level'), value: levelLabel(tr, catalogue, m.level) });
  if (m.competencies.length > 0)
    facts.push({
      title: tr.t('membership.fact.competencies'),
      value: joinList(
        tr.locale,
        m.competencies.map((c) => competencyLabel(tr, catalogue, c)),
        'and',
      ),
    });
  facts.push({
    title: tr.t('membership.fact.status'),
    value: !expired
      ? tr.t(`membership.status.${m.status}`)
      : renewalDue(m, now)
        ? tr.t('membership.status.renewalDue')
        : tr.t('membership.status.expired'),
  });
  if (m.enrolledOn) facts.push({ title: tr.t('membership.fact.enrolledOn'), value: date(m.enrolledOn) });
  if (m.expiresOn) facts.push({ title: tr.t('membership.fact.expiresOn'), value: date(m.expiresOn) });
  if (window.state !== 'notApplicable') {
    const closes = date(window.closesOn);
    const value =
      window.state === 'notYetOpen'
        ? tr.t('membership.renewal.notYetOpen', { opens: date(window.opensOn), closes })
        : window.state === 'open'
          ? tr.t('membership.renewal.open', { closes })
          : tr.t('membership.renewal.closed', { closes });
    facts.push({ title: tr.t('membership.fact.renewal'), value });
  }
  if (m.accountEmail) facts.push({ title: tr.t('membership.fact.accountEmail'), value: m.accountEmail });

  if (m.status === 'draft' || m.status === 'awaitingEmailConfirmation') {
    banners.push({ style: 'emphasis', text: tr.t('membership.banner.unfinished') });
    if (may('enroll.start'))
      view.continueButtons.push({ title: tr.t('membership.button.continue'), command: input.enrollCommand });
  }
  if (m.status === 'underReview') {
    banners.push({ style: 'accent', text: tr.t('membership.banner.underReview') });
    if (input.localMode && may('enroll.approve')) {
      banners.push({ style: 'default', text: tr.t('membership.banner.underReviewLocal') });
      view.approveButtons.push({ title: tr.t('membership.button.approve') });
    }
  }
  if (expired && m.expiresOn) {
    banners.push({
      style: 'attention',
      text:
        window.state === 'closed'
          ? tr.t('membership.banner.lapsed', { date: date(m.expiresOn), closes: date(window.closesOn) })
          : tr.t('membership.banner.expired', {
              date: date(m.expiresOn),
              closes: window.state === 'open' ? date(window.closesOn) : '',
            }),
    });
  }
  const applied = (a: { area: string; tier: Competency['tier'] }) => competencyLabel(tr, catalogue, a);
  const pending = (m.applications ?? []).filter((a) => a.status === 'pending');
  for (const a of pending)
    banners.push({
      style: 'accent',
      text: tr.t('membership.apply.pendingBanner', {
        offer: applied(a),
        date: date(a.appliedAt.slice(0, 10)),
      }),
    });
  for (const a of (m.applications ?? []).filter((x) => x.status === 'declined').slice(-2))
    banners.push({
      style: 'default',
      text: tr.t('membership.apply.declinedBanner', {
        offer: applied(a),
        date: date((a.decidedAt ?? a.appliedAt).slice(0, 10)),
        reason: a.reason ?? '',
      }),
    });
  if (input.localMode && pending.length > 0 && may('membership.review')) {
    banners.push({ style: 'default', text: tr.t('membership.apply.localDemo') });
    for (const a of pending)
      view.reviewButtons.push(
        {
          title: tr.t('membership.button.reviewApprove', { offer: applied(a) }),
          data: { application: a.id, decision: 'approve' },
        },
        {
          title: tr.t('membership.button.reviewDecline', { offer: applied(a) }),
          data: { application: a.id, decision: 'decline' },
        },
      );
  }
  if (window.state === 'open' && may('membership.renew'))
    view.renewButtons.push({
      title: tr.t('membership.button.renew', { date: date(window.renewedUntil) }),
      expiresOn: window.expiresOn,
    });
  // Upgrades follow the one lapse boundary: still offered in the 30 days after the anniversary.
  if (m.status === 'active' && !membershipLapsed(m, now) && may('membership.upgrade')) {
    const choices = allOffers(catalogue)
      .filter((o) => offerEligibility(catalogue, input.holdings, o, now).eligible)
      .map((o) => ({
        title: isEarned(catalogue, o)
          ? tr.t('membership.upgrade.applyChoice', { offer: offerLabel(tr, catalogue, o) })
          : offerLabel(tr, catalogue, o),
        value: o.id,
      }));
    if (choices.length > 0)
      view.upgrade.push({
        title: tr.t('membership.button.upgrade'),
        label: tr.t('membership.upgrade.choose'),
        choices,
        reviewTitle: tr.t('membership.button.review'),
      });
  }
  return view;
}

export function upgradeConfirmView(
  tr: Translator,
  catalogue: MembershipCatalogue,
  membership: Membership,
  offer: Offer,
): ActionConfirmView {
  const to = offerLabel(tr, catalogue, offer);
  return {
    title: tr.t('membership.upgrade.confirmTitle', { offer: to }),
    paragraphs: [
      {
        text: tr.t('membership.upgrade.confirmText', {
          from: membershipLevelText(tr, catalogue, membership),
          to,
        }),
      },
    ],
    warnings: [],
    confirmTitle: tr.t('membership.upgrade.confirm'),
    confirmVerb: 'membership.upgrade',
    confirmData: { offer: offer.id, confirm: true },
    backTitle: tr.t('membership.upgrade.back'),
    backVerb: 'membership.view',
  };
}

/** Applying for a competency is confirmed first: it is an application, not a purchase. */
export function applyConfirmView(
  tr: Translator,
  catalogue: MembershipCatalogue,
  offer: Offer,
): ActionConfirmView {
  const to = offerLabel(tr, catalogue, offer);
  return {
    title: tr.t('membership.apply.confirmTitle', { offer: to }),
    paragraphs: [{ text: tr.t('membership.apply.confirmText', { offer: to }) }],
    warnings: [],
    confirmTitle: tr.t('membership.apply.confirm'),
    confirmVerb: 'membership.upgrade',
    confirmData: { offer: offer.id, confirm: true },
    backTitle: tr.t('membership.upgrade.back'),
    backVerb: 'membership.view',
  };
}

/** The membership levels a rule names by id (`held`), as the person reads them (see localiseParams). */
export const levelNames = (tr: Translator, catalogue: MembershipCatalogue): ParamNames => ({
  level: (id) =>
    catalogue.levels.some((l) => l.id === id) ? levelLabel(tr, catalogue, id as MembershipLevel) : undefined,
});
