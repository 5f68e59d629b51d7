import type { Locale } from '../../src/domain/model';
import { cardSamples } from '../support/samples';
import { cardButtons, cardText } from '../support/testApp';

/**
 * What a person reads on the cards of the gallery (the demo data through the real view builders),
 * in both languages: the wording and layout fixes of issue 19.
 */
const sample = (locale: Locale, id: string) => {
  const found = cardSamples(locale).find((s) => s.id === id);
  if (!found) throw new Error(`no card sample ${id}`);
  return found.card;
};
const lines = (locale: Locale, id: string) => cardText(sample(locale, id));

describe('benefits summary', () => {
  it('labels how many benefits each group holds instead of a bare large number', () => {
    const en = lines('en-US', 'benefits-summary-partner-admin');
    expect(en).toContain('Visual Studio subscriptions');
    expect(en).toContain('1 benefit');
    expect(en).toContain('3 benefits');
    expect(en).not.toContain('1');
    const zh = lines('zh-CN', 'benefits-summary-partner-admin');
    expect(zh).toContain('1 项权益');
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
