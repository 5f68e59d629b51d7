import {
  isGtm,
  isTechnical,
  programmeStanding,
  type GtmBenefit,
  type TechnicalBenefit,
} from '../../../src/domain/activation';
import { completeGtm, gtmOverview, type ContactProblem } from '../../../src/domain/gtm';
import type { MarketingContact } from '../../../src/domain/model';
import type { SeedDocuments } from '../../../src/domain/seed';
import { adviseSupportRequest, completeTechnical, supportOverview } from '../../../src/domain/support';
import { SUPPORT_CATALOGUE } from '../../../src/domain/supportCatalogue';
import type { Translator } from '../../../src/i18n';
import { toIsoDate } from '../../../src/domain/dates';
import { gtmCard, marketingContactFormCard } from '../../../src/features/gtm/views';
import type { CardSample } from './';
import { supportAdviceView, supportCard } from '../../../src/features/support/views';
import { renderSupportAdvice } from '../../../src/features/support/views';

const DELAY = 3;
const FIXED_IDS = { accessId: () => 'AID-4411223-02', contractId: () => 'CID-31790246' };

/** Technical support and Go-To-Market cards from the demo data (Contoso, Silver; Fabrikam, Action Pack). */
export function supportCardSamples(docs: SeedDocuments, tr: Translator, now: Date): CardSample[] {
  const [contoso, fabrikam] = docs.tenants;
  const membership = (tenantId: string) => docs.memberships.find((m) => m.tenantId === tenantId);
  const benefits = (tenantId: string) => docs.benefits.filter((b) => b.tenantId === tenantId);
  const standing = programmeStanding(membership(contoso.tenantId), SUPPORT_CATALOGUE);
  // Fabrikam as an active Action Pack member (the demo may hold its membership as a draft until it enrols).
  const fabrikamMembership = membership(fabrikam.tenantId);
  const fabrikamStanding = programmeStanding(
    fabrikamMembership && { ...fabrikamMembership, level: 'actionPack', status: 'active', competencies: [] },
    SUPPORT_CATALOGUE,
  );
  const draftStanding = programmeStanding(
    fabrikamMembership && { ...fabrikamMembership, level: 'network', status: 'draft' },
    SUPPORT_CATALOGUE,
  );
  const requested = new Date(now.getTime() - 86_400_000).toISOString();

  // Contoso as the demo starts, with presales requested yesterday and cloud support active.
  const technical = benefits(contoso.tenantId)
    .filter(isTechnical)
    .map((b): TechnicalBenefit => {
      if (b.details.kind === 'presalesDeployment')
        return { ...b, details: { ...b.details, status: 'pending', requestedOn: requested } };
      if (b.details.kind === 'cloudSignatureSupport')
        return completeTechnical(b, toIsoDate(now), membership(contoso.tenantId)?.partnerId, FIXED_IDS);
      return b;
    });
  const overview = supportOverview(standing, technical, now, DELAY);
  const fabrikamOverview = supportOverview(
    fabrikamStanding,
    benefits(fabrikam.tenantId).filter(isTechnical),
    now,
    DELAY,
  );
  const family = (id: string) => {
    const f = SUPPORT_CATALOGUE.productFamilies.find((x) => x.id === id);
    if (!f) throw new Error(`product family ${id} missing`);
    return f;
  };
  const asDemo = supportOverview(standing, benefits(contoso.tenantId).filter(isTechnical), now, DELAY);

  const gtm = benefits(contoso.tenantId).filter(isGtm);
  const contact: MarketingContact = {
    type: 'marketingContact',
    id: 'marketingContact',
    tenantId: contoso.tenantId,
    aadObjectId: 'a0000000-0000-4000-8000-000000000004',
    name: 'Dana Zhou',
    email: 'marketing@contoso.example',
    phone: '+862155550100',
    phoneAsTyped: '+86 21 5555 0100',
    language: 'zh-Hans',
    setBy: 'a0000000-0000-4000-8000-000000000004',
    setAt: now.toISOString(),
  };
  const gtmWithProgress = gtm.map((b): GtmBenefit =>
    b.details.offer === 'Silver core'
      ? completeGtm(b, toIsoDate(now))
      : { ...b, details: { ...b.details, status: 'pending', requestedOn: requested } },
  );
  const problems: ContactProblem[] = [
    { field: 'email', key: 'gtm.contact.emailSameAsAccount', params: { email: 'partners@contoso.example' } },
    { field: 'phone', key: 'gtm.contact.phoneInvalid' },
  ];
  const contosoPeople = docs.members.filter((m) => m.tenantId === contoso.tenantId);

  return [
    {
      id: 'support-partner-admin',
      card: supportCard(tr, {
        overview,
        tenantName: contoso.name,
        canActivate: true,
        canComplete: true,
        delayDays: DELAY,
        notice: { text: tr.t('support.notice.requested', { name: 'Presales', days: DELAY }), style: 'good' },
      }),
    },
    {
      id: 'support-employee',
      card: supportCard(tr, {
        overview,
        tenantName: contoso.name,
        canActivate: false,
        canComplete: false,
        delayDays: DELAY,
      }),
    },
    {
      id: 'support-action-pack',
      card: supportCard(tr, {
        overview: fabrikamOverview,
        tenantName: fabrikam.name,
        canActivate: true,
        canComplete: false,
        delayDays: DELAY,
      }),
    },
    {
      id: 'support-membership-not-active',
      card: supportCard(tr, {
        overview: supportOverview(draftStanding, benefits(fabrikam.tenantId).filter(isTechnical), now, DELAY),
        tenantName: fabrikam.name,
        canActivate: true,
        canComplete: false,
        delayDays: DELAY,
      }),
    },
    {
      id: 'support-advice-ids',
      card: renderSupportAdvice(
        supportAdviceView(
          tr,
          adviseSupportRequest('breakFix', family('onPremises'), asDemo.benefits, standing),
          standing,
          true,
        ),
      ),
    },
    {
      id: 'support-advice-activate-first',
      card: renderSupportAdvice(
        supportAdviceView(
          tr,
          adviseSupportRequest('breakFix', family('azure'), asDemo.benefits, standing),
          standing,
          true,
        ),
      ),
    },
    {
      id: 'support-advice-action-pack-cloud',
      card: renderSupportAdvice(
        supportAdviceView(
          tr,
          adviseSupportRequest('breakFix', family('dynamics'), fabrikamOverview.benefits, fabrikamStanding),
          fabrikamStanding,
          true,
        ),
      ),
    },
    {
      id: 'gtm-no-contact',
      card: gtmCard(tr, {
        overview: gtmOverview(standing, undefined, gtm, now, 5),
        tenantName: contoso.name,
        canActivate: true,
        canComplete: true,
        canSetContact: true,
        delayDays: 5,
      }),
    },
    {
      id: 'gtm-pending-and-active',
      card: gtmCard(tr, {
        overview: gtmOverview(standing, contact, gtmWithProgress, now, 5),
        tenantName: contoso.name,
        canActivate: false,
        canComplete: false,
        canSetContact: false,
        delayDays: 5,
      }),
    },
    {
      // A Global admin in local mode: the pending offer has Complete, and a note that it is the demo's.
      id: 'gtm-pending-admin-local',
      card: gtmCard(tr, {
        overview: gtmOverview(standing, contact, gtmWithProgress, now, 5),
        tenantName: contoso.name,
        canActivate: true,
        canComplete: true,
        canSetContact: true,
        delayDays: 5,
      }),
    },
    {
      id: 'marketing-contact-form',
      card: marketingContactFormCard(tr, {
        people: contosoPeople,
        truncated: false,
        accountEmail: membership(contoso.tenantId)?.accountEmail,
        current: contact,
        values: {
          person: contact.aadObjectId,
          email: 'partners@contoso.example',
          phone: '021-5555',
          language: 'zh-Hans',
        },
        problems,
      }),
    },
  ];
}
