import type { BenefitsSnapshot } from '../../../src/domain/benefits';
import { planRedemption, type LicenceDetails } from '../../../src/domain/licenceTerm';
import type { Benefit, Member } from '../../../src/domain/model';
import { cancellationBlocks } from '../../../src/domain/packageCancellation';
import type { SeedDocuments } from '../../../src/domain/seed';
import type { Translator } from '../../../src/i18n';
import {
  BENEFIT_VIEWS,
  benefitsCategoryView,
  benefitsSummaryView,
  cancelPackageView,
  creditManageView,
  licenceOptionsView,
  licenceShortTermView,
  softwareProductView,
  type BenefitsContext,
} from '../../../src/features/benefits/views';
import type { CardSample } from './';
import { authorize } from '../../../src/domain/policy';
import { seatsFeature } from '../../../src/features/seats/feature';
import {
  renderBenefitsConfirm,
  renderBenefitsList,
  renderBenefitsSummary,
  renderCreditManage,
  renderSoftwareProduct,
} from '../../../src/features/benefits/views';

/** The benefits cards from the demo data (Contoso), as an employee (Eli) and as admins (Dana, Avery). */
export function benefitsCardSamples(docs: SeedDocuments, tr: Translator, now: Date): CardSample[] {
  const tenant = docs.tenants[0];
  const snapshot: BenefitsSnapshot = {
    tenantId: tenant.tenantId,
    packages: docs.packages.filter((p) => p.tenantId === tenant.tenantId),
    benefits: docs.benefits.filter((b) => b.tenantId === tenant.tenantId),
    pools: docs.seatPools.filter((p) => p.tenantId === tenant.tenantId),
    assignments: docs.seatAssignments.filter((a) => a.tenantId === tenant.tenantId),
    members: docs.members.filter((m) => m.tenantId === tenant.tenantId),
  };
  const as = (name: string): BenefitsContext => {
    const m: Member | undefined = snapshot.members.find((x) => x.name === name);
    if (!m) throw new Error(`demo member ${name} missing`);
    return {
      tr,
      actor: { tenantId: m.tenantId, aadObjectId: m.aadObjectId, roles: m.roles },
      tenantName: tenant.name,
      now,
      snapshot,
      commandPhrase: (id) => {
        const c = seatsFeature.commands.find((x) => x.id === id);
        return c && (!c.action || authorize(m, c.action).allowed) ? c.phrases[tr.locale][0] : undefined;
      },
    };
  };
  const benefit = (slug: string): Benefit => {
    const b = snapshot.benefits.find((x) => x.id === `benefit:${slug}`);
    if (!b) throw new Error(`demo benefit ${slug} missing`);
    return b;
  };
  const eli = as('Eli Park');
  const dana = as('Dana Zhou');
  const avery = as('Avery Chen');

  const sql = benefit('sql-server');
  if (sql.details.category !== 'software') throw new Error('demo benefit sql-server is not software');
  const sqlProduct = sql.details.products[0];
  const sqlKey = sqlProduct.keys[0];
  const viewed: Benefit = { ...sql, details: { ...sql.details, firstRevealedAt: now.toISOString() } };

  const o365 = benefit('office365-e3');
  const o365Details = o365.details as LicenceDetails;
  const extend = planRedemption(o365Details, 'o365-k1', 'extend', now);
  const addSeats = planRedemption(o365Details, 'o365-k1', 'addSeats', now);
  const pkg = (slug: string) => {
    const p = snapshot.packages.find((x) => x.id === `package:${slug}`);
    if (!p) throw new Error(`demo package ${slug} missing`);
    return p;
  };
  const blocks = (slug: string) =>
    cancellationBlocks(pkg(slug), snapshot.benefits, snapshot.assignments, now);

  return [
    { id: 'benefits-summary-employee', card: renderBenefitsSummary(benefitsSummaryView(eli)) },
    { id: 'benefits-summary-partner-admin', card: renderBenefitsSummary(benefitsSummaryView(dana)) },
    ...BENEFIT_VIEWS.flatMap((view) => [
      { id: `benefits-${view}-employee`, card: renderBenefitsList(benefitsCategoryView(eli, view)) },
      { id: `benefits-${view}-admin`, card: renderBenefitsList(benefitsCategoryView(avery, view)) },
    ]),
    {
      id: 'software-product-employee',
      card: renderSoftwareProduct(softwareProductView(eli, sql, sqlProduct)),
    },
    {
      id: 'software-product-pick',
      card: renderSoftwareProduct(softwareProductView(dana, sql, sqlProduct)),
    },
    {
      id: 'software-product-revealed',
      card: renderSoftwareProduct(
        softwareProductView(dana, viewed, sqlProduct, {
          benefit: viewed,
          product: sqlProduct,
          language: sqlKey.language,
          osType: sqlKey.osType,
          key: sqlKey.key,
        }),
      ),
    },
    {
      id: 'credit-monthly-admin',
      card: renderCreditManage(creditManageView(avery, benefit('azure-monthly'))),
    },
    {
      id: 'credit-monthly-employee',
      card: renderCreditManage(creditManageView(eli, benefit('azure-monthly'))),
    },
    {
      id: 'credit-bulk-admin',
      card: renderCreditManage(creditManageView(avery, benefit('azure-bulk'))),
    },
    {
      id: 'credit-bulk-combined',
      card: renderCreditManage(creditManageView(avery, benefit('azure-bulk-prepaid'))),
    },
    {
      id: 'licence-options',
      card: renderBenefitsConfirm(licenceOptionsView(dana, o365, 'o365-k1', { extend, addSeats })),
    },
    {
      id: 'licence-short-term',
      card: renderBenefitsConfirm(licenceShortTermView(dana, o365, addSeats)),
    },
    {
      id: 'package-cancel-confirm',
      card: renderBenefitsConfirm(cancelPackageView(dana, pkg('silver-addon'), blocks('silver-addon'))),
    },
    {
      id: 'package-cancel-blocked',
      card: renderBenefitsConfirm(cancelPackageView(dana, pkg('silver-core'), blocks('silver-core'))),
    },
  ];
}
