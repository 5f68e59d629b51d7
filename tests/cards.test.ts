import { cardBytes, MAX_CARD_BYTES } from '../src/cards';
import { cardSamples } from './support/samples';

describe.each(['en-US', 'zh-CN'] as const)('every card template in %s', (locale) => {
  const samples = cardSamples(locale);

  it('has samples', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples.map((s) => [s.id, s.card] as const))(
    '%s expands fully, is Adaptive Card 1.5 and stays small',
    (_id, card) => {
      const json = JSON.stringify(card);
      expect(json).not.toContain('${');
      expect(card.version).toBe('1.5');
      expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    },
  );
});
