import type { Locale } from '../src/domain/model';
import { cardSamples } from './support/samples';
import { THEMES, type Theme } from './e2e/gallery/teams-host-config';

/**
 * Every text of every card sample (tests/support/samples/index.ts), in both languages, must be readable in
 * each of Teams' themes (light, dark, high contrast): WCAG AA contrast between the text colour the
 * host draws and the background of the container it sits in — 4.5:1, or 3:1 for large text
 * (24 px, or 18.66 px bold). Overflow at the Teams width is checked in the browser by
 * `npm run cards:render`.
 */

type Json = Record<string, unknown>;
type Rgb = [number, number, number];

function parseColour(hex: string): { rgb: Rgb; alpha: number } {
  const h = hex.replace('#', '');
  const [a, rest] = h.length === 8 ? [parseInt(h.slice(0, 2), 16) / 255, h.slice(2)] : [1, h];
  return {
    rgb: [0, 2, 4].map((i) => parseInt(rest.slice(i, i + 2), 16)) as Rgb,
    alpha: a,
  };
}

/** The colour seen when `fg` (possibly translucent) is drawn on the opaque `bg`. */
function over(fg: string, bg: string): Rgb {
  const f = parseColour(fg);
  const b = parseColour(bg).rgb;
  return f.rgb.map((c, i) => Math.round(c * f.alpha + b[i] * (1 - f.alpha))) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(fg: string, bg: string): number {
  const a = luminance(over(fg, bg));
  const b = luminance(parseColour(bg).rgb);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

interface TextRun {
  text: string;
  color?: string;
  isSubtle?: boolean;
  size?: string;
  weight?: string;
}

interface Finding {
  text: string;
  ratio: number;
  needed: number;
  colour: string;
  style: string;
}

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);

/** Every run of text in the card with the container style it is drawn on. */
function textRuns(card: Json): { run: TextRun; style: string }[] {
  const out: { run: TextRun; style: string }[] = [];
  const visit = (node: unknown, style: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, style));
    if (!node || typeof node !== 'object') return;
    const el = node as Json;
    const own = lower(el.style);
    const here =
      ['Container', 'Column', 'ColumnSet', 'AdaptiveCard'].includes(String(el.type)) &&
      own &&
      ['default', 'emphasis', 'accent', 'good', 'attention', 'warning'].includes(own)
        ? own
        : style;
    switch (el.type) {
      case 'TextBlock':
        out.push({ run: el as unknown as TextRun, style: here });
        break;
      case 'RichTextBlock':
        for (const inline of (el.inlines as unknown[]) ?? []) {
          out.push({
            run: typeof inline === 'string' ? { text: inline } : (inline as TextRun),
            style: here,
          });
        }
        break;
      case 'FactSet':
        for (const f of (el.facts as { title: string; value: string }[]) ?? []) {
          out.push({ run: { text: f.title, weight: 'bolder' }, style: here });
          out.push({ run: { text: f.value }, style: here });
        }
        break;
      default:
        if (typeof el.label === 'string' && String(el.type).startsWith('Input.')) {
          out.push({ run: { text: el.label, weight: 'bolder' }, style: here });
        }
    }
    for (const key of ['body', 'items', 'columns']) if (key in el) visit(el[key], here);
    // An Action.ShowCard's card opens inline in the host's show-card style (emphasis).
    for (const action of [
      ...((el.actions as Json[]) ?? []),
      ...(el.selectAction ? [el.selectAction as Json] : []),
    ]) {
      if (action.type === 'Action.ShowCard' && action.card) visit(action.card, 'emphasis');
    }
  };
  visit(card, 'default');
  return out;
}

function problems(card: Json, theme: Theme): Finding[] {
  const found: Finding[] = [];
  const hc = theme.hostConfig;
  for (const { run, style } of textRuns(card)) {
    if (!run.text || !String(run.text).trim()) continue;
    const container = hc.containerStyles[style] ?? hc.containerStyles.default;
    const colourName = lower(run.color) ?? 'default';
    const palette = container.foregroundColors[colourName] ?? container.foregroundColors.default;
    const colour = run.isSubtle ? palette.subtle : palette.default;
    const px = hc.fontSizes[(lower(run.size) ?? 'default') as keyof typeof hc.fontSizes] ?? 14;
    const bold = lower(run.weight) === 'bolder';
    const large = px >= 24 || (bold && px >= 18.66);
    const needed = large ? 3 : 4.5;
    const ratio = contrast(colour, container.backgroundColor);
    if (ratio < needed) {
      found.push({
        text: String(run.text).slice(0, 60),
        ratio: Math.round(ratio * 100) / 100,
        needed,
        colour: `${colourName}${run.isSubtle ? ' subtle' : ''}`,
        style,
      });
    }
  }
  return found;
}

describe('the contrast check itself', () => {
  it('knows the WCAG figures: black on white 21:1, #767676 on white just passes AA, #777 just fails', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#777777', '#FFFFFF')).toBeLessThan(4.5);
  });

  it("finds Teams' yellow warning text on white (about 1.5:1)", () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Pending', color: 'Warning' }] };
    expect(problems(card, THEMES[0])).toEqual([
      expect.objectContaining({ text: 'Pending', colour: 'warning', needed: 4.5 }),
    ]);
    expect(problems(card, THEMES[0])[0].ratio).toBeLessThan(1.6);
  });

  it('blends translucent subtle text over the background before measuring', () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'a note', isSubtle: true }] };
    expect(problems(card, THEMES[0])).toEqual([]);
  });
});

describe.each(['en-US', 'zh-CN'] as Locale[])('every card sample in %s', (locale) => {
  const samples = cardSamples(locale);
  it.each(THEMES.map((t) => [t.name, t] as const))(
    'meets WCAG AA contrast in the %s theme',
    (_name, theme) => {
      const failing = samples
        .map((s) => ({ id: s.id, problems: problems(s.card as unknown as Json, theme) }))
        .filter((s) => s.problems.length > 0);
      expect(failing).toEqual([]);
    },
  );
});
