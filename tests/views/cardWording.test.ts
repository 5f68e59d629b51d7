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
