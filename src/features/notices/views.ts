import { daysUntil } from '../../domain/dates';
import { MEMBERSHIP_CATALOGUE } from '../../domain/membershipCatalogue';
import type { Membership, NoticeSubscription } from '../../domain/model';
import { membershipLevelText } from '../membership/views';
import type { ExpiringItem, ItemKind } from '../../domain/notices';
import { formatDate, type Translator } from '../../i18n';
import expiryNoticeTemplate from '../../../cards/notices/expiryNotice.json';
import expiryDigestTemplate from '../../../cards/notices/expiryDigest.json';
import noticeSubscriptionTemplate from '../../../cards/notices/noticeSubscription.json';
import { cardTemplate, type Fact, type CardRender } from '../../cards';

export interface ExpiryNoticeView {
  style: 'attention' | 'warning';
  when: string;
  name: string;
  facts: Fact[];
  hint: string;
}

export interface ExpiryDigestView {
  title: string;
  /** Urgent rows (a week or less, expired) are bold; colour alone is unreadable in some Teams themes. */
  rows: { name: string; kind: string; when: string; weight: 'Bolder' | 'Default' }[];
  hint: string;
}

export interface NoticeSubscriptionView {
  title: string;
  summary: string;
  categoriesLabel: string;
  /** Comma-separated values of the chosen kinds (Input.ChoiceSet multi-select format). */
  selected: string;
  choices: Fact[];
  saveTitle: string;
  stopTitle: string;
  subscriptionId: string;
}

export const renderExpiryNotice = cardTemplate<ExpiryNoticeView>(expiryNoticeTemplate);
export const renderExpiryDigest = cardTemplate<ExpiryDigestView>(expiryDigestTemplate);
export const renderNoticeSubscription: CardRender<NoticeSubscriptionView> = cardTemplate(
  noticeSubscriptionTemplate,
  { notifyCategories: 'notify.categories', notifyUnsubscribe: 'notify.unsubscribe' },
);

/** Notice kinds a channel can choose (the categories of DOMAIN.md plus membership, packages, seats). */
export const NOTICE_KINDS = [
  'membership',
  'package',
  'software',
  'azureMonthlyCredit',
  'azureBulkCredit',
  'licence',
  'seatPool',
  'technical',
  'gtm',
] as const;

export const kindName = (tr: Translator, kind: ItemKind): string => tr.t(`notices.kind.${kind}`);

function when(tr: Translator, item: ExpiringItem, today: Date): { text: string; urgent: boolean } {
  const left = daysUntil(today, item.expiresOn);
  if (left < 0) return { text: tr.t('notices.card.expired'), urgent: true };
  if (left === 0) return { text: tr.t('notices.card.expiresToday'), urgent: true };
  if (left === 1) return { text: tr.t('notices.card.expiresTomorrow'), urgent: true };
  return { text: tr.t('notices.card.expiresIn', { days: left }), urgent: left <= 7 };
}

/** What a person reads as the item's name: the membership's level is never shown as an internal id. */
function itemName(tr: Translator, item: ExpiringItem): string {
  if (!item.membership) return item.name;
  return membershipLevelText(tr, MEMBERSHIP_CATALOGUE, item.membership as Membership);
}

export function expiryNoticeView(tr: Translator, item: ExpiringItem, today: Date): ExpiryNoticeView {
  const w = when(tr, item, today);
  return {
    style: w.urgent ? 'attention' : 'warning',
    when: w.text,
    name: itemName(tr, item),
    facts: [
      { title: tr.t('notices.card.kind'), value: kindName(tr, item.kind) },
      { title: tr.t('notices.card.lastDay'), value: formatDate(tr.locale, item.expiresOn) },
    ],
    hint: tr.t('notices.card.hint'),
  };
}

export function expiryDigestView(tr: Translator, items: ExpiringItem[], today: Date): ExpiryDigestView {
  const sorted = [...items].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
  return {
    title: tr.t('notices.card.digestTitle', { count: items.length }),
    // Long digests are cut to stay well under Teams' card size limit.
    rows: sorted.slice(0, 40).map((item) => {
      const w = when(tr, item, today);
      return {
        name: itemName(tr, item),
        kind: `${kindName(tr, item.kind)} · ${formatDate(tr.locale, item.expiresOn)}`,
        when: w.text,
        weight: w.urgent ? 'Bolder' : 'Default',
      };
    }),
    hint: tr.t('notices.card.hint'),
  };
}

export function noticeSubscriptionView(
  tr: Translator,
  sub: NoticeSubscription,
  thresholds: number[],
): NoticeSubscriptionView {
  return {
    title: tr.t('notices.sub.title'),
    summary: tr.t('notices.subscribed', { thresholds: thresholds.join(', ') }),
    categoriesLabel: tr.t('notices.sub.categories'),
    selected: sub.categories.join(','),
    choices: NOTICE_KINDS.map((k) => ({ title: kindName(tr, k), value: k })),
    saveTitle: tr.t('notices.sub.save'),
    stopTitle: tr.t('notices.sub.stop'),
    subscriptionId: sub.id,
  };
}
