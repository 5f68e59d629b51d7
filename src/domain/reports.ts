import { auditPage, type AuditFilter, type AuditPage } from './auditQuery';
import { deliveryReport, type DeliveryReport } from './deliveryReport';
import { holdingsPage, type HoldingsPage } from './holdings';
import type { Benefit, BenefitPackage, Notice } from './model';
import { expiringItems, type ExpiringItem } from './notices';
import type { Actor } from './policy';
import type { Clock } from './ports';
import type { Repositories } from './repositories';
import { usageFigures, type UsageFigures } from './usage';

/** What admins read about the tenant: delivery of reminders, who holds what, usage, the audit log. */
export class Reports {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  delivery(tenantId: string): Promise<DeliveryReport> {
    return deliveryReport(this.repos, tenantId, this.clock.now());
  }

  holdings(actor: Actor, offset: number): Promise<HoldingsPage> {
    return holdingsPage(this.repos, actor, offset);
  }

  usage(tenantId: string): Promise<UsageFigures> {
    return usageFigures(this.repos, tenantId, this.clock.now());
  }

  expiring(tenantId: string): Promise<ExpiringItem[]> {
    return expiringItems(this.repos, tenantId);
  }

  async notice(tenantId: string, noticeId: string): Promise<Notice | undefined> {
    return (await this.repos.notices.get(tenantId, noticeId))?.doc;
  }

  auditPage(tenantId: string, filter: AuditFilter, offset: number): Promise<AuditPage> {
    return auditPage(this.repos.audit, tenantId, filter, offset);
  }

  /** The packages and benefits an audit page names, so it shows their names instead of ids. */
  async auditedRecords(tenantId: string): Promise<{ packages: BenefitPackage[]; benefits: Benefit[] }> {
    const [packages, benefits] = await Promise.all([
      this.repos.packages.list(tenantId),
      this.repos.benefits.list(tenantId),
    ]);
    return { packages: packages.map((p) => p.doc), benefits: benefits.map((b) => b.doc) };
  }
}
