import { readFileSync } from 'node:fs';
import type { AuditPage } from '../../src/domain/auditQuery';
import type { Locale } from '../../src/domain/model';
import { seedDocuments } from '../../src/domain/seed';
import { auditView, recordNames, renderAudit } from '../../src/features/audit/views';
import { translator } from '../../src/i18n';
import { ALL_COMMANDS, findCommand } from '../../src/features';
import { cardSamples } from '../support/samples';
import { cardActions, cardButtons, cardText } from '../support/testApp';

/**
 * What a person reads on the cards of the gallery (the demo data through the real view builders),
 * in both languages: the wording and layout fixes of issue 19.
 */
const FIXED = new Date('2026-11-24T09:30:00Z');
const samples = { 'en-US': cardSamples('en-US'), 'zh-CN': cardSamples('zh-CN') };
const sample = (locale: Locale, id: string) => {
  const found = samples[locale].find((s) => s.id === id);
  if (!found) throw new Error(`no card sample ${id}`);
  return found.card;
};
const lines = (locale: Locale, id: string) => cardText(sample(locale, id));

describe('benefits summary', () => {
  it('labels how many benefits each group holds instead of a bare large number', () => {
    const en = lines('en-US', 'benefits-summary-partner-admin');
    expect(en).toContain('Visual Studio subscriptions');
    // The demo's two Visual Studio pools (the Silver core's and the add-on's), three software benefits.
    expect(en).toContain('2 benefits');
    expect(en).toContain('3 benefits');
    expect(en).not.toContain('2');
    expect(en).not.toContain('1');
    const zh = lines('zh-CN', 'benefits-summary-partner-admin');
    expect(zh).toContain('2 项权益');
    expect(zh).not.toContain('1');
  });
});

describe('Visual Studio seats', () => {
  it('shows each seat as a two-column row: the seat number beside its holder, the date under the name', () => {
    const en = lines('en-US', 'seat-pools-admin');
    const at = en.indexOf('Seat 1');
    expect(en.slice(at, at + 3)).toEqual(['Seat 1', 'Fang Wu', 'since Aug 16, 2026']);
    expect(en.join('\n')).not.toContain('Seat 1: Fang Wu, since');
    const zh = lines('zh-CN', 'seat-pools-admin');
    const zat = zh.indexOf('第 1 号席位');
    expect(zh.slice(zat, zat + 3)).toEqual(['第 1 号席位', 'Fang Wu', '自 2026年8月16日 起']);
    // The buttons sit under the row, not in a column beside it squeezing the name.
    const columnsWithButtons: unknown[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const o = node as { type?: string; items?: unknown };
      if (o.type === 'Column' && JSON.stringify(o.items).includes('"ActionSet"')) columnsWithButtons.push(o);
      Object.values(o).forEach(walk);
    };
    walk(sample('en-US', 'seat-pools-admin'));
    expect(columnsWithButtons).toEqual([]);
    expect(cardButtons(sample('en-US', 'seat-pools-admin'))).toContain('Release seat 1');
  });
});

describe('help', () => {
  const commands = (locale: Locale) => {
    const body = JSON.stringify(sample(locale, 'help-admin'));
    return [...body.matchAll(/"text":"([^"]+)","weight":"Bolder","fontType":"Monospace"/g)].map((m) => m[1]);
  };
  const descriptions = (locale: Locale) => {
    const names = commands(locale);
    return lines(locale, 'help-admin').filter((_l, i, all) => i > 0 && names.includes(all[i - 1]));
  };

  it('writes Visual Studio with capitals in both languages, and still understands it typed in any case', () => {
    expect(commands('en-US')).toContain('request Visual Studio');
    expect(commands('zh-CN')).toContain('申请 Visual Studio');
    expect(JSON.stringify(sample('zh-CN', 'help-admin'))).not.toContain('visual studio');
    for (const typed of ['申请 visual studio', '申请 VISUAL STUDIO', 'Request visual studio'])
      expect(findCommand(ALL_COMMANDS, typed)?.command.id).toBe('requestSeat');
  });

  it('gives every command its own description', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const d = descriptions(locale);
      expect(d.length).toBe(commands(locale).length);
      expect(new Set(d).size).toBe(d.length);
    }
    expect(lines('en-US', 'help-admin')).toEqual(
      expect.arrayContaining([
        'post this organisation’s reminders in Chinese',
        'post this organisation’s reminders in English',
      ]),
    );
    expect(lines('zh-CN', 'help-admin')).toEqual(
      expect.arrayContaining(['用中文发送本组织的提醒', '用英文发送本组织的提醒']),
    );
  });
});

describe('software keys', () => {
  it('puts a product note that speaks of "the key below" above its key, never under it', () => {
    for (const [locale, note, key] of [
      ['en-US', 'Note: Activate with the key below', 'Product key: '],
      ['zh-CN', '注意：Activate with the key below', '产品密钥：'],
    ] as const) {
      const shown = lines(locale, 'benefits-software-employee');
      const at = shown.findIndex((l) => l.startsWith(note));
      expect(at).toBeGreaterThan(-1);
      expect(shown[at + 1]).toMatch(new RegExp(`^${key}`));
    }
  });
});

describe('software key pickers', () => {
  const pickers = (locale: Locale, id: string) => {
    const found: Record<string, unknown> = {};
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const o = node as { type?: string; id?: string; value?: unknown };
      if (o.type === 'Input.ChoiceSet' && o.id) found[o.id] = o.value ?? '';
      Object.values(o).forEach(walk);
    };
    walk(sample(locale, id));
    return found;
  };

  it('keeps the chosen language and OS in the card that shows the key', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      expect(pickers(locale, 'software-product-revealed')).toEqual({ language: 'en-US', osType: 'x64' });
      // Before any key is shown, nothing is chosen for the person.
      expect(pickers(locale, 'software-product-pick')).toEqual({ language: '', osType: '' });
    }
  });
});

describe('Visual Studio drill-down', () => {
  it('offers an admin what they can do with the pool, in their language; an employee only Back', () => {
    const zh = sample('zh-CN', 'benefits-visualStudio-admin');
    expect(cardButtons(zh)).toEqual(['席位和持有人', '分配席位', '待审批的申请', '返回']);
    expect(cardActions(zh).map((a) => a.data.command)).toEqual(
      expect.arrayContaining(['席位', '分配席位', '待审批']),
    );
    expect(cardButtons(sample('en-US', 'benefits-visualStudio-admin'))).toEqual([
      'Seats and holders',
      'Assign a seat',
      'Requests waiting',
      'Back',
    ]);
    expect(cardButtons(sample('zh-CN', 'benefits-visualStudio-employee'))).toEqual(['返回']);
  });

  it('puts each of the admin’s pool commands on a row of its own, so no title is cut short', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const sets: string[][] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== 'object') return;
        const o = node as Record<string, unknown>;
        if (o.type === 'ActionSet') sets.push((o.actions as { title: string }[]).map((x) => x.title));
        Object.values(o).forEach(walk);
      };
      walk(sample(locale, 'benefits-visualStudio-admin'));
      const commands = sets.filter((set) =>
        set.some((title) =>
          /Seats and holders|Assign a seat|Requests waiting|席位|分配席位|待审批/.test(title),
        ),
      );
      expect(commands).toHaveLength(3);
      for (const set of commands) expect(set).toHaveLength(1);
    }
  });
});

describe('audit', () => {
  it('names benefits and products, languages and OS instead of showing their ids', () => {
    const docs = seedDocuments(JSON.parse(readFileSync('data/demo.json', 'utf8')), FIXED);
    const tenantId = docs.tenants[0].tenantId;
    const records = (locale: Locale) =>
      recordNames(
        locale,
        docs.packages.filter((p) => p.tenantId === tenantId),
        docs.benefits.filter((b) => b.tenantId === tenantId),
      );
    const base = {
      type: 'audit',
      tenantId,
      at: FIXED.toISOString(),
      actor: 'nobody',
      outcome: 'success',
    } as const;
    const page: AuditPage = {
      offset: 0,
      hasMore: false,
      items: [
        { ...base, id: 'audit:1', action: 'gtm.activate', target: 'benefit:gtm-isv-cosell' },
        {
          ...base,
          id: 'audit:2',
          action: 'software.revealKeys',
          target: 'benefit:sql-server',
          detail: 'product=sql2022-ent language=zh-CN os=x64',
        },
      ],
    };
    const shown = (locale: Locale) =>
      cardText(
        renderAudit(
          auditView(translator(locale), {
            tenantName: 'Contoso',
            page,
            filter: {},
            members: docs.members,
            records: records(locale),
          }),
        ),
      ).join('\n');
    const en = shown('en-US');
    expect(en).not.toMatch(/benefit:|product=|language=|os=/);
    expect(en).toContain('SQL Server 2022 Enterprise · Chinese (China) · x64');
    const zh = shown('zh-CN');
    expect(zh).not.toMatch(/benefit:|product=|language=|os=/);
    expect(zh).toContain('SQL Server 2022 企业版 · 中文（中国） · x64');
    expect(zh).toContain('ISV 共同销售就绪');
    expect(en).toContain('ISV co-sell ready');
  });
});

describe('completing a pending activation by hand (local mode only)', () => {
  /** The Action.Execute buttons that complete an activation by hand. */
  const completes = (locale: Locale, id: string): string[] => {
    const out: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && String(o.verb).endsWith('.complete')) out.push(String(o.title));
      Object.values(o).forEach(walk);
    };
    walk(sample(locale, id));
    return out;
  };

  it.each([
    [
      'gtm-pending-admin-local',
      'Local demo only: Complete makes the offer active now',
      '仅限本地演示：点“完成”会让优惠立即生效',
    ],
    [
      'support-partner-admin',
      'Local demo only: Complete makes it active now',
      '仅限本地演示：点“完成”会立即生效',
    ],
  ])(
    '%s: every Complete button sits under a note saying it is the local demo’s, in both languages',
    (id, en, zh) => {
      expect(completes('en-US', id).length).toBeGreaterThan(0);
      expect(completes('zh-CN', id).length).toBe(completes('en-US', id).length);
      const enNotes = lines('en-US', id).filter((l) => l.startsWith(en));
      const zhNotes = lines('zh-CN', id).filter((l) => l.startsWith(zh));
      // One note per pending row that has the button: none without it.
      expect(enNotes).toHaveLength(completes('en-US', id).length);
      expect(zhNotes).toHaveLength(completes('zh-CN', id).length);
      expect(enNotes[0]).toContain('In Teams it completes by itself.');
      expect(zhNotes[0]).toContain('在 Teams 中处理结束后会自动完成');
    },
  );

  it('shows neither the button nor the note where completing by hand is not allowed (configured mode, employees)', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      expect(completes(locale, 'gtm-pending-and-active')).toEqual([]);
      expect(lines(locale, 'gtm-pending-and-active').join('\n')).not.toMatch(/Local demo only|仅限本地演示/);
      // The same offers, pending, are there: only the permission differs.
      expect(lines(locale, 'gtm-pending-and-active').join('\n')).toMatch(/Pending|等待处理|处理中|待处理/);
    }
  });
});

describe('the marketing contact on the Go-To-Market card', () => {
  it('shows the phone number as it was typed, in both languages', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const text = lines(locale, 'gtm-pending-and-active').join('\n');
      expect(text).toContain('+86 21 5555 0100');
      expect(text).not.toContain('+862155550100');
    }
  });
});

describe('the audit page of the gallery', () => {
  it('reads every record by name: roles, seats, products, languages, the phone as typed', () => {
    const en = lines('en-US', 'audit-page').join('\n');
    const zh = lines('zh-CN', 'audit-page').join('\n');
    for (const text of [en, zh]) {
      expect(text).not.toMatch(/MpnPartnerAdmin|assignment:|benefit:|product=|zh-Hans|zh-CN|\+862155550100/);
      expect(text).toContain('+86 21 5555 0100');
    }
    expect(en).toContain('Role: MPN partner admin');
    expect(en).toContain('Reserved until Feb 12, 2027');
    expect(zh).toContain('角色：MPN 合作伙伴管理员');
    expect(zh).toContain('保留至 2027年2月12日');
  });

  it('shows the person filter as names: a plain picker, since a type-ahead one shows the stored value ("any", an id) in the browser', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const json = JSON.stringify(sample(locale, 'audit-page'));
      const picker = /\{"type":"Input.ChoiceSet","id":"person"[^}]*/.exec(json)?.[0] ?? '';
      expect(picker).toContain('"value":"any"');
      expect(picker).not.toContain('"style":"filtered"');
    }
  });
});
