import {
  cardBytes,
  cardTemplate,
  EXPANDED_CARDS_MAX_CHARS,
  keptCardChars,
  MAX_CARD_BYTES,
  type AdaptiveCard,
} from '../src/cards';
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

describe('a card made again from the same view', () => {
  const template = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: '${title}' },
      { type: 'TextBlock', text: '${name}', $data: '${items}' },
    ],
  };

  it('is the same card, yet each caller gets its own copy', () => {
    const render = cardTemplate<{ title: string; items: { name: string }[] }>(template);
    const view = { title: 'Seats', items: [{ name: 'Dana' }, { name: 'Eli' }] };
    const first = render(view);
    (first.body as { text: string }[])[0].text = 'changed by its caller';
    const second = render(view);
    expect(second).toEqual({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Seats' },
        { type: 'TextBlock', text: 'Dana' },
        { type: 'TextBlock', text: 'Eli' },
      ],
    });
    expect(second).not.toBe(first);
  });

  it('changes with any change of the view, and two templates never share a card', () => {
    const render = cardTemplate<{ title: string; items: { name: string }[] }>(template);
    const other = cardTemplate<{ title: string; items: { name: string }[] }>({
      ...template,
      body: [{ type: 'TextBlock', text: 'other: ${title}' }],
    });
    const view = { title: 'Seats', items: [{ name: 'Dana' }] };
    expect(cardText(render(view))).toBe('Seats Dana');
    expect(cardText(render({ ...view, items: [{ name: 'Fang' }] }))).toBe('Seats Fang');
    expect(cardText(other(view))).toBe('other: Seats');
    expect(cardText(render(view))).toBe('Seats Dana');
  });

  it('is kept within a bound, however many different views are made', () => {
    const render = cardTemplate<{ title: string; items: { name: string }[] }>(template);
    const long = 'x'.repeat(5_000);
    for (let i = 0; i < 1_000; i += 1) render({ title: `${long} ${i}`, items: [] });
    expect(keptCardChars()).toBeLessThanOrEqual(EXPANDED_CARDS_MAX_CHARS);
    expect(cardText(render({ title: 'after', items: [{ name: 'Dana' }] }))).toBe('after Dana');
  });
});

function cardText(card: AdaptiveCard): string {
  return (card.body as { text: string }[]).map((b) => b.text).join(' ');
}
