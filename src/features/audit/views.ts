import { AUDIT_PAGE_SIZE, type AuditFilter, type AuditPage } from '../../domain/auditQuery';
import type { Benefit, BenefitPackage, Locale, Member } from '../../domain/model';
import { ACTIONS, type Action } from '../../domain/policy';
import { formatDateTime, type MessageKey, type Translator } from '../../i18n';
import auditTemplate from '../../../cards/audit/audit.json';
import { cardTemplate, type Fact, type CardRender } from '../../cards';
import { auditDetails } from './details';

export interface AuditView {
  title: string;
  subtitle: string;
  personLabel: string;
  person: string;
  people: Fact[];
  actionLabel: string;
  action: string;
  actions: Fact[];
  filterTitle: string;
  empty: { text: string }[];
  items: { line: string; what: string; details: { text: string }[] }[];
  pages: { title: string; offset: number; person: string; action: string }[];
}

export const renderAudit: CardRender<AuditView> = cardTemplate(auditTemplate, { auditPage: 'audit.page' });

/** Value of the "anyone" / "any action" choice (an empty choice value is not reliable in clients). */
export const ANY = 'any';
const PEOPLE_LIMIT = 100;

/** Acts recorded that are no permission of their own (a key shown again, an invitation taken up). */
const RECORDED_ONLY: Record<string, MessageKey> = {
  'license.viewKey': 'audit.act.license.viewKey',
  'directory.linked': 'audit.act.directory.linked',
};

const actionText = (tr: Translator, action: string): string =>
  (ACTIONS as readonly string[]).includes(action)
    ? tr.t(`action.${action as Action}`)
    : tr.t(RECORDED_ONLY[action] ?? 'audit.act.unknown');

export function auditView(
  tr: Translator,
  input: {
    tenantName: string;
    page: AuditPage;
    filter: AuditFilter;
    members: readonly Member[];
    /** Names of the tenant's benefits, packages and products by id. */
    records?: ReadonlyMap<string, string>;
  },
): AuditView {
  const records = input.records ?? new Map<string, string>();
  const names = new Map(input.members.map((m) => [m.aadObjectId, m.name]));
  const { page } = input;
  const person = input.filter.person ?? ANY;
  const action = input.filter.action ?? ANY;
  const pages: AuditView['pages'] = [];
  if (page.offset > 0)
    pages.push({
      title: tr.t('audit.newer'),
      offset: Math.max(0, page.offset - AUDIT_PAGE_SIZE),
      person,
      action,
    });
  if (page.hasMore)
    pages.push({ title: tr.t('audit.older'), offset: page.offset + AUDIT_PAGE_SIZE, person, action });
  return {
    title: tr.t('audit.title'),
    subtitle:
      page.items.length > 0
        ? tr.t('audit.subtitle', {
            tenant: input.tenantName,
            from: page.offset + 1,
            to: page.offset + page.items.length,
          })
        : tr.t('audit.subtitleEmpty', { tenant: input.tenantName }),
    personLabel: tr.t('audit.person'),
    person,
    people: [
      { title: tr.t('audit.anyone'), value: ANY },
      ...[...input.members]
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, PEOPLE_LIMIT)
        .map((m) => ({ title: m.name, value: m.aadObjectId })),
    ],
    actionLabel: tr.t('audit.action'),
    action,
    actions: [
      { title: tr.t('audit.anyAction'), value: ANY },
      ...ACTIONS.map((a) => ({ title: actionText(tr, a), value: a })),
    ],
    filterTitle: tr.t('audit.filter'),
    empty: page.items.length === 0 ? [{ text: tr.t('audit.empty') }] : [],
    items: page.items.map((r) => ({
      line: tr.t('audit.line', {
        time: formatDateTime(tr.locale, r.at),
        who: names.get(r.actor) ?? tr.t('audit.unknownPerson'),
      }),
      what: `${actionText(tr, r.action)} — ${tr.t(`audit.outcome.${r.outcome}`)}`,
      details: auditDetails(tr, { people: names, records }, r).map((text) => ({ text })),
    })),
    pages,
  };
}

/** Benefit, package, software product and seat pool names by id, for the audit's targets and details. */
export function recordNames(
  locale: Locale,
  packages: readonly BenefitPackage[],
  benefits: readonly Benefit[],
): Map<string, string> {
  const zh = locale === 'zh-CN';
  const out = new Map<string, string>();
  for (const p of packages) out.set(p.id, (zh && p.nameZh) || p.name);
  for (const b of benefits) {
    out.set(b.id, (zh && b.nameZh) || b.name);
    if (b.details.category === 'software')
      for (const p of b.details.products) out.set(p.productId, (zh && p.nameZh) || p.name);
    if (b.details.category === 'visualStudio') out.set(b.details.poolId, (zh && b.nameZh) || b.name);
  }
  return out;
}
