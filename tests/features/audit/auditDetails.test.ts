import { readFileSync } from 'node:fs';
import type { AuditPage } from '../../../src/domain/auditQuery';
import { allOffers } from '../../../src/domain/membership';
import { MEMBERSHIP_CATALOGUE } from '../../../src/domain/membershipCatalogue';
import type { AuditRecord, Locale } from '../../../src/domain/model';
import { ACTIONS } from '../../../src/domain/policy';
import { ROLES } from '../../../src/domain/roles';
import { seedDocuments } from '../../../src/domain/seed';
import { auditView, recordNames, renderAudit } from '../../../src/features/audit/views';
import { translator } from '../../../src/i18n';
import { conversation } from '../../support/conversation';
import { AVERY, BO, DANA } from '../../support/people';
import { cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

/**
 * The audit card names what each record is about: no internal id (person, benefit, package,
 * product, pool, seat, request, application, role, language, offer, rule key, channel) reaches
 * the reader, in English or Chinese, for records written the way every act of the bot writes them.
 */
const FIXED = new Date('2026-11-24T09:30:00Z');
const docs = seedDocuments(JSON.parse(readFileSync('data/demo.json', 'utf8')), FIXED);
const tenantId = docs.tenants[0].tenantId;
const members = docs.members.filter((m) => m.tenantId === tenantId);
const packages = docs.packages.filter((p) => p.tenantId === tenantId);
const benefits = docs.benefits.filter((b) => b.tenantId === tenantId);
const [a, b] = [members[0].aadObjectId, members[1].aadObjectId];
const software = benefits.find((x) => x.details.category === 'software')!;
const product = software.details.category === 'software' ? software.details.products[0] : undefined!;
const vs = benefits.find((x) => x.details.category === 'visualStudio')!;
const poolId = vs.details.category === 'visualStudio' ? vs.details.poolId : '';
const slug = poolId.slice('pool:'.length);
const licence = benefits.find((x) => x.details.category === 'licence')!;
const keyId = licence.details.category === 'licence' ? licence.details.keys[0].keyId : '';
const credit = benefits.find((x) => x.details.category === 'azureMonthlyCredit') ?? benefits[0];
const offer = allOffers(MEMBERSHIP_CATALOGUE).find((o) => o.area)!;
const conv = '19:abcdef0123456789@thread.tacv2';

/** One record per way the bot writes one (see the `audit.record` calls in src/domain and src/features). */
const written: Omit<AuditRecord, 'type' | 'id' | 'tenantId' | 'at' | 'actor' | 'outcome'>[] = [
  { action: 'roles.grant', target: `member:${b}`, detail: 'MpnPartnerAdmin' },
  { action: 'roles.revoke', target: `member:${a}`, detail: 'GlobalAdmin: last Global admin' },
  { action: 'roles.grant', target: `member:${b}`, detail: 'role' },
  { action: 'gtm.setContact', target: `member:${a}`, detail: 'phone +86 21 5555 0100 language zh-Hans' },
  { action: 'gtm.setContact', target: `member:${a}`, detail: 'language zh-Hans' },
  { action: 'gtm.setContact', target: 'marketingContact', detail: 'role' },
  { action: 'gtm.activate', target: 'benefit:gtm-isv-cosell', detail: 'pending; processing takes 5 days' },
  { action: 'support.complete', target: 'benefit:presales', detail: 'completed by hand (local mode)' },
  {
    action: 'software.revealKeys',
    target: software.id,
    detail: `product=${product.productId} language=zh-CN os=x64`,
  },
  {
    action: 'software.revealKeys',
    target: software.id,
    detail: `product=${product.productId} language=zh-CN os=x64 rule=benefits.software.noKeyFor`,
  },
  { action: 'license.viewKey', target: `${licence.id}:${keyId}` },
  {
    action: 'license.redeem',
    target: licence.id,
    detail: `key=${keyId} mode=addSeats seats=12 end=2027-06-30`,
  },
  { action: 'license.redeem', target: licence.id, detail: `key=${keyId} mode=extend rule=benefits.notFound` },
  { action: 'credit.addUser', target: credit.id, detail: `person=${b}` },
  { action: 'credit.removeUser', target: credit.id, detail: `person=${b}` },
  { action: 'credit.transfer', target: credit.id, detail: `to=${a}` },
  { action: 'package.cancel', target: packages[0].id, detail: 'refundRequested' },
  { action: 'seat.request', target: `seatRequest:${slug}:${b}:1` },
  { action: 'seat.approve', target: `seatRequest:${slug}:${b}:1`, detail: 'seat 3' },
  { action: 'seat.reject', target: `seatRequest:${slug}:${b}:2` },
  { action: 'seat.assign', target: `assignment:${slug}:3 → ${b}` },
  { action: 'seat.reassign', target: `assignment:${slug}:3: ${b} → ${a}` },
  { action: 'seat.release', target: `assignment:${slug}:3 (${a})`, detail: 'reserved until 2027-02-12' },
  { action: 'seat.assign', target: poolId, detail: 'role' },
  { action: 'approvals.setChannel', target: conv },
  { action: 'directory.addMember', target: `member:${b}`, detail: 'from a team roster, guest' },
  { action: 'directory.addMember', target: 'invitation', detail: 'membershipExpired' },
  {
    action: 'directory.removeMember',
    target: 'invitation:new.person@contoso.example',
    detail: 'invitation withdrawn',
  },
  {
    action: 'directory.removeMember',
    target: `member:${b}`,
    detail: `seats released: assignment:${slug}:3; monthly credit removed: ${credit.id}; roles: AdminAgent, MpnPartnerAdmin`,
  },
  { action: 'directory.linked', target: 'invitation:new.person@contoso.example', detail: `invited by ${a}` },
  {
    action: 'membership.upgrade',
    target: `application:${offer.area}:${offer.tier}:1`,
    detail: `applied for ${offer.id} (pending review)`,
  },
  { action: 'membership.upgrade', target: 'membership', detail: `upgraded to ${offer.id}` },
  { action: 'membership.upgrade', target: 'membership', detail: 'membership.upgrade.unknownOffer' },
  {
    action: 'membership.review',
    target: `application:${offer.area}:${offer.tier}:1`,
    detail: 'approved (local demo review)',
  },
  { action: 'membership.renew', target: 'membership', detail: 'renewed from 2026-12-01 to 2027-12-01' },
  { action: 'usage.setDigest', target: 'usageDigest', detail: 'weekly' },
  { action: 'notify.subscribe', target: conv },
  { action: 'notify.subscribe', target: 'thresholds', detail: '30,7,1' },
  { action: 'notify.subscribe', target: `subscription:${conv}`, detail: 'software,licence' },
  { action: 'notify.subscribe', target: `subscription:${conv}`, detail: 'all' },
  { action: 'notify.unsubscribe', target: conv },
  { action: 'notify.resend', target: `notice:${software.id}:30:${conv}`, detail: 'sent' },
  { action: 'enroll.start', target: 'enrollment', detail: 'company and contact details saved' },
  { action: 'enroll.start', target: 'enrollment', detail: 'submitted for review (Admin agent: added)' },
  { action: 'enroll.start', target: 'enrollment', detail: 'wrong confirmation code (2 attempts left)' },
  {
    action: 'enroll.approve',
    target: 'enrollment',
    detail: 'review complete: membership active until 2027-12-01',
  },
  {
    action: 'gtm.complete',
    target: 'benefit:gtm-isv-cosell',
    detail: 'completed by hand (local mode); expires 2027-11-24',
  },
  { action: 'support.complete', target: 'benefit:presales', detail: 'processing delay of 5 days elapsed' },
];

/** Every id the records above carry, as it is stored. */
const rawIds = [
  ...members.map((m) => m.aadObjectId),
  ...benefits.map((x) => x.id),
  ...packages.map((p) => p.id),
  product.productId,
  poolId,
  `assignment:${slug}`,
  `seatRequest:`,
  'application:',
  'invitation:',
  'subscription:',
  'notice:',
  conv,
  ...ROLES,
  'zh-CN',
  'zh-Hans',
  offer.id,
  'benefits.software.noKeyFor',
  'benefits.notFound',
  'membership.upgrade.unknownOffer',
  'marketingContact',
  'usageDigest',
  'refundRequested',
  'membershipExpired',
  'addSeats',
  'mode=',
  'person=',
  'rule=',
];

/** What the card says about each record: its line, what happened and the details (the filter pickers aside). */
const shown = (locale: Locale, items: AuditRecord[]) => {
  const view = auditView(translator(locale), {
    tenantName: 'Contoso',
    page: { offset: 0, hasMore: false, items } satisfies AuditPage,
    filter: {},
    members: docs.members,
    records: recordNames(locale, packages, benefits),
  });
  const text = cardText(renderAudit(view)).join('\n');
  return view.items.flatMap((item) => {
    const lines = [item.line, item.what, ...item.details.map((d) => d.text)];
    // Each line is on the card as the view says it.
    for (const l of lines) expect(text).toContain(l);
    return lines;
  });
};

const records: AuditRecord[] = written.map((w, i) => ({
  type: 'audit',
  id: `audit:${i}`,
  tenantId,
  at: FIXED.toISOString(),
  actor: a,
  outcome: w.detail === 'role' || w.detail === 'membershipExpired' ? 'denied' : 'success',
  ...w,
}));

describe('audit details', () => {
  it('names every act, also those recorded without a permission of their own, in both languages', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const text = shown(locale, records).join('\n');
      for (const action of [...ACTIONS, 'license.viewKey', 'directory.linked'])
        expect(text).not.toContain(action);
      expect(text).not.toMatch(/earlier version|早期版本/);
    }
  });

  it.each(['en-US', 'zh-CN'] as const)('shows no internal id in any record (%s)', (locale) => {
    for (const r of records) {
      const text = shown(locale, [r]).join('\n');
      for (const id of rawIds) {
        if (text.includes(id))
          throw new Error(`${r.action} ${r.target} shows "${id}" in ${locale}:\n${text}`);
      }
    }
  });

  it('names the role, the person, the seat, the language and the rule in English', () => {
    const text = shown('en-US', records).join('\n');
    expect(text).toContain('Role: MPN partner admin');
    expect(text).toContain('Role: Global admin · the last Global admin keeps the role');
    expect(text).toContain('Phone +86 21 5555 0100 · Preferred language: Simplified Chinese');
    expect(text).toContain(`Person: ${members[1].name}`);
    expect(text).toContain(`Seat 3 of ${vs.name} → ${members[1].name}`);
    expect(text).toContain('Reserved until Feb 12, 2027');
    expect(text).toContain(
      `Seats released: Seat 3 of ${vs.name} · Monthly credit removed: ${credit.name} · Roles: Admin agent, MPN partner admin`,
    );
    expect(text).toContain('Completed by hand (local demo) · expires Nov 24, 2027');
    expect(text).toContain('Usage digest every week');
    expect(text).toContain('Reminders 30, 7, 1 days before expiry');
    expect(text).toContain('Kinds of item: Software, Licence-based subscription');
    expect(text).toContain('The role needed is missing');
    expect(text).toContain('Rule: There is no key for … on …');
  });

  it('names the same in Chinese', () => {
    const text = shown('zh-CN', records).join('\n');
    expect(text).toContain('角色：MPN 合作伙伴管理员');
    expect(text).toContain('角色：全局管理员 · 最后一位全局管理员保留该角色');
    expect(text).toContain('电话 +86 21 5555 0100 · 首选语言：简体中文');
    expect(text).toContain(`人员：${members[1].name}`);
    expect(text).toContain(`${vs.nameZh ?? vs.name} 第 3 个席位 → ${members[1].name}`);
    expect(text).toContain('保留至 2027年2月12日');
    expect(text).toContain('每周发送使用情况摘要');
    expect(text).toContain('到期前 30, 7, 1 天提醒');
    expect(text).toContain('缺少所需角色');
    expect(text).toContain('规则：');
    expect(text).toContain('手动完成（本地演示） · 到期日 2027年11月24日');
    expect(text).toContain('已提交审核（已加入管理员代理组）');
    expect(text).toContain('角色：管理员代理、MPN 合作伙伴管理员');
    // The sentences the bot writes as details read in Chinese too.
    expect(text).not.toMatch(
      /pending|processing|completed|renewed|roster|e-mail|invitation|released|enrolment|agreement|review|attempts/i,
    );
  });
});

describe('audit details through the bot', () => {
  let t: MemoryTestApp;
  const { say, press } = conversation(() => t, { wait: false });
  beforeAll(async () => {
    t = await startMemoryApp();
  });
  afterAll(() => t.stop());

  it('shows a role Bo gave Dana by its name in Avery’s audit log, in English and Chinese', async () => {
    await press(BO, 'roles.grant', { person: DANA.aadObjectId, role: 'UserManagementAdmin' });
    // The lines of the records (the person picker lists people by id as its values, not as text).
    const recordLines = (card: unknown) => {
      const json = JSON.stringify(card);
      // cardText writes each picker choice as "title: value"; the records are the other lines.
      const choices = new Set(
        [...json.matchAll(/\{"title":"([^"]*)","value":"([^"]*)"\}/g)].map((m) => `${m[1]}: ${m[2]}`),
      );
      return cardText(card)
        .filter((l) => !choices.has(l))
        .join('\n');
    };
    const en = recordLines(cardOf((await say(AVERY, 'audit'))[0]));
    expect(en).toContain('Role: User management admin');
    expect(en).not.toContain('UserManagementAdmin');
    expect(en).not.toContain(DANA.aadObjectId);
    const zh = recordLines(cardOf((await say(AVERY, '审计记录', 'zh-CN'))[0]));
    expect(zh).toContain('角色：“用户管理”管理员');
    expect(zh).not.toContain('UserManagementAdmin');
  });
});
