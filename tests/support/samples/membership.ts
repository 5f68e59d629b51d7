import { AUDIT_PAGE_SIZE } from '../../../src/domain/auditQuery';
import { allOffers } from '../../../src/domain/membership';
import { MEMBERSHIP_CATALOGUE as catalogue } from '../../../src/domain/membershipCatalogue';
import type { AuditRecord, Member, Membership } from '../../../src/domain/model';
import type { SeedDocuments } from '../../../src/domain/seed';
import type { Translator } from '../../../src/i18n';
import { auditView } from '../../../src/features/audit/views';
import {
  enrollAdminAgentView,
  enrollAgreementView,
  enrollCodeView,
  enrollDetailsView,
  enrollFreeMailView,
} from '../../../src/features/enroll/views';
import { membershipView, upgradeConfirmView } from '../../../src/features/membership/views';
import { globalAdminConfirmView, roleDirectoryView } from '../../../src/features/roleAdmin/views';
import type { CardSample } from './';
import { recordNames, renderAudit } from '../../../src/features/audit/views';
import {
  renderEnrollAgreement,
  renderEnrollCode,
  renderEnrollDetails,
  renderEnrollQuestion,
} from '../../../src/features/enroll/views';
import { renderMembership } from '../../../src/features/membership/views';
import { renderRoleDirectory } from '../../../src/features/roleAdmin/views';
import { renderActionConfirm } from '../../../src/features/shared/cards';

/** Enrolment, membership, roles and audit cards, built from the demo data through the real views. */
export function membershipCardSamples(docs: SeedDocuments, tr: Translator, now: Date): CardSample[] {
  const [contoso, fabrikam] = docs.tenants;
  const person = (name: string): Member => {
    const m = docs.members.find((x) => x.name === name);
    if (!m) throw new Error(`demo member ${name} missing`);
    return m;
  };
  const membershipOf = (tenantId: string): Membership => {
    const m = docs.memberships.find((x) => x.tenantId === tenantId);
    if (!m) throw new Error(`demo membership of ${tenantId} missing`);
    return m;
  };
  const packagesOf = (tenantId: string) => docs.packages.filter((p) => p.tenantId === tenantId);
  const gale = person('Gale Ito');
  const avery = person('Avery Chen');
  const contosoMembers = docs.members.filter((m) => m.tenantId === contoso.tenantId);
  const card = (
    id: string,
    tenantId: string,
    membership: Membership | undefined,
    viewer: Member,
    extra: { localMode?: boolean; started?: boolean; at?: Date } = {},
  ): CardSample => ({
    id,
    card: renderMembership(
      membershipView(tr, {
        catalogue,
        tenantName: tenantId === contoso.tenantId ? contoso.name : fabrikam.name,
        holdings: { membership, packages: packagesOf(tenantId) },
        viewer,
        localMode: extra.localMode ?? true,
        now: extra.at ?? now,
        enrollCommand: 'enroll',
        enrollmentStarted: extra.started ?? false,
      }),
    ),
  });
  const contosoMembership = membershipOf(contoso.tenantId);
  const contosoBenefits = docs.benefits.filter((b) => b.tenantId === contoso.tenantId);
  const software = contosoBenefits.find((b) => b.details.category === 'software');
  const product = software?.details.category === 'software' ? software.details.products[0] : undefined;
  const pool = contosoBenefits.find((b) => b.details.category === 'visualStudio');
  const slug = pool?.details.category === 'visualStudio' ? pool.details.poolId.slice('pool:'.length) : 'pool';
  // The records as the bot writes them (ids in target and detail), so the card shows how they read.
  const written = (i: number, other: string): Pick<AuditRecord, 'action' | 'target' | 'detail'> => {
    switch (i % 5) {
      case 0:
        return { action: 'roles.grant', target: `member:${other}`, detail: 'MpnPartnerAdmin' };
      case 1:
        return { action: 'seat.assign', target: `assignment:${slug}:${(i % 4) + 1} → ${other}` };
      case 2:
        return {
          action: 'software.revealKeys',
          target: software?.id,
          detail: `product=${product?.productId} language=zh-CN os=x64`,
        };
      case 3:
        return {
          action: 'gtm.setContact',
          target: `member:${other}`,
          detail: 'phone +86 21 5555 0100 language zh-Hans',
        };
      default:
        return {
          action: 'seat.release',
          target: `assignment:${slug}:1 (${other})`,
          detail: 'reserved until 2027-02-12',
        };
    }
  };
  const events: AuditRecord[] = Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => ({
    type: 'audit',
    id: `audit:${i}`,
    tenantId: contoso.tenantId,
    at: new Date(now.getTime() - i * 3_600_000).toISOString(),
    actor: contosoMembers[i % contosoMembers.length].aadObjectId,
    outcome: i % 5 === 0 && i % 2 === 0 ? 'denied' : 'success',
    ...written(i, contosoMembers[(i + 1) % contosoMembers.length].aadObjectId),
  }));
  return [
    {
      id: 'enroll-details',
      card: renderEnrollDetails(
        enrollDetailsView(tr, {
          tenantId: fabrikam.tenantId,
          tenantName: fabrikam.name,
          enrollingName: gale.name,
          values: { legalName: 'Fabrikam Solutions Ltd.', contactEmail: 'gale@gmail' },
          problems: ['postalCode', 'contactEmail'],
        }),
      ),
    },
    {
      id: 'enroll-free-mail',
      card: renderEnrollQuestion(enrollFreeMailView(tr, 'gale.ito@gmail.com')),
    },
    {
      id: 'enroll-code-local',
      card: renderEnrollCode(
        enrollCodeView(tr, {
          email: 'gale.ito@fabrikam.example',
          contactName: gale.name,
          justSent: true,
          minutes: catalogue.enrollment.codeTtlMinutes,
          attempts: catalogue.enrollment.codeMaxAttempts,
          notices: [
            { kind: 'local', code: '123456' },
            { kind: 'problem', text: tr.t('enroll.code.wrong', { left: 4 }) },
          ],
        }),
      ),
    },
    {
      id: 'enroll-agreement',
      card: renderEnrollAgreement(
        enrollAgreementView(tr, {
          company: 'Fabrikam Solutions Ltd.',
          version: catalogue.agreement.version,
          problem: tr.t('enroll.agreement.bothNeeded'),
        }),
      ),
    },
    { id: 'enroll-admin-agent', card: renderEnrollQuestion(enrollAdminAgentView(tr)) },
    card('membership-active-renewal-open', contoso.tenantId, contosoMembership, avery),
    card('membership-active-employee', contoso.tenantId, contosoMembership, person('Eli Park')),
    card('membership-expired', contoso.tenantId, contosoMembership, avery, {
      at: new Date(Date.parse(`${contosoMembership.expiresOn ?? ''}T12:00:00Z`) + 5 * 86_400_000),
    }),
    card('membership-fabrikam-not-enrolled', fabrikam.tenantId, membershipOf(fabrikam.tenantId), gale),
    card(
      'membership-under-review-local',
      fabrikam.tenantId,
      { ...membershipOf(fabrikam.tenantId), status: 'underReview' },
      gale,
      {
        started: true,
      },
    ),
    {
      id: 'membership-upgrade-confirm',
      card: renderActionConfirm(
        upgradeConfirmView(
          tr,
          catalogue,
          contosoMembership,
          allOffers(catalogue).filter((o) => o.tier === 'gold')[0],
        ),
      ),
    },
    {
      id: 'roles-directory-global-admin',
      card: renderRoleDirectory(
        roleDirectoryView(tr, {
          tenantName: contoso.name,
          members: contosoMembers,
          viewer: avery,
          now,
          notices: [
            {
              style: 'good',
              text: tr.t('roleAdmin.granted', { name: 'Dana Zhou', role: tr.t('role.UserManagementAdmin') }),
            },
            { style: 'default', text: tr.t('roleAdmin.told', { name: 'Dana Zhou' }) },
          ],
        }),
      ),
    },
    {
      id: 'roles-directory-user-admin',
      card: renderRoleDirectory(
        roleDirectoryView(tr, {
          tenantName: contoso.name,
          members: contosoMembers,
          viewer: person('Bo Li'),
          now,
        }),
      ),
    },
    {
      id: 'roles-directory-employee',
      card: renderRoleDirectory(
        roleDirectoryView(tr, {
          tenantName: contoso.name,
          members: contosoMembers,
          viewer: person('Eli Park'),
          now,
        }),
      ),
    },
    {
      id: 'roles-confirm-revoke-global-admin',
      card: renderActionConfirm(globalAdminConfirmView(tr, 'revoke', avery, true)),
    },
    {
      id: 'audit-page',
      card: renderAudit(
        auditView(tr, {
          tenantName: contoso.name,
          page: { items: events, offset: AUDIT_PAGE_SIZE, hasMore: true },
          filter: {},
          members: contosoMembers,
          records: recordNames(tr.locale, packagesOf(contoso.tenantId), contosoBenefits),
        }),
      ),
    },
    {
      id: 'audit-empty',
      card: renderAudit(
        auditView(tr, {
          tenantName: contoso.name,
          page: { items: [], offset: 0, hasMore: false },
          filter: { action: 'membership.renew' },
          members: contosoMembers,
        }),
      ),
    },
  ];
}
