import type * as ACData from 'adaptivecards-templating';
import type { Verb } from './features/joins';

/**
 * Cards are JSON templates in `cards/<capability>/` plus one typed view model each, bound by
 * `cardTemplate` next to that view model in the capability's folder: the only way a card is made.
 * Templates hold no logic beyond `${}` binding: every word in a view model is already localised
 * by the code that builds it.
 */

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/* The parts many cards share: one definition each. */

/** Adaptive Card container styles; status is never colour alone (the words and weight carry it). */
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type ButtonStyle = 'default' | 'positive' | 'destructive';
export interface CardNotice {
  style: ContainerStyle;
  text: string;
}
export interface Fact {
  title: string;
  value: string;
}
export interface Choice {
  title: string;
  value: string;
}
/** An Action.Execute button: verb + ids only; the server re-reads and re-checks everything. */
export interface ExecuteButton {
  title: string;
  verb: Verb;
  data: Record<string, string | number | boolean>;
  style: ButtonStyle;
}

/** Teams refuses or truncates big cards; keep every card well under this. */
export const MAX_CARD_BYTES = 28 * 1024;

/**
 * The verbs a card's fixed buttons send, bound with its template: the template says
 * `"verb": "${$root.verbs.<name>}"`, never a verb string, and each value is a `Verb` some
 * feature handles, so a typo or a removed verb is a compile error.
 */
export type CardVerbs = Readonly<Record<string, Verb>>;

/** A bound card; declared (not inferred) where verbs are bound, so `Verb` is never needed to type it. */
export type CardRender<V> = (view: V) => AdaptiveCard;

let templating: typeof ACData | undefined;
/**
 * The templating engine (with adaptive-expressions and its parser, about a fifth of a second of
 * loading and several MB of heap) is loaded when the first card is rendered, not at start: the
 * bot is healthy and answers a turn without it. `require`, not `import()`: rendering is synchronous.
 */
function templatingEngine(): typeof ACData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  templating ??= require('adaptivecards-templating') as typeof ACData;
  return templating;
}

/**
 * Expanded cards by template and view model (as JSON), most recently made last. Expanding is a
 * pure function of the two, and far dearer (adaptive-expressions evaluates every `${}`) than
 * serialising the view and parsing the kept card: the same view (the help card of a role set,
 * the benefits of an unchanged tenant) is expanded once. Bounded by characters kept; each
 * caller gets its own copy of the card.
 */
const expanded = new Map<string, string>();
let expandedChars = 0;
/** About 4 MB of strings (keys and cards), a few hundred typical cards. */
export const EXPANDED_CARDS_MAX_CHARS = 2_000_000;
let templates = 0;

/** Characters the kept cards hold now (keys and cards), never over `EXPANDED_CARDS_MAX_CHARS`. */
export function keptCardChars(): number {
  return expandedChars;
}

function remember(key: string, card: string): void {
  expanded.set(key, card);
  expandedChars += key.length + card.length;
  for (const [k, v] of expanded) {
    if (expandedChars <= EXPANDED_CARDS_MAX_CHARS) break;
    expanded.delete(k);
    expandedChars -= k.length + v.length;
  }
}

/**
 * Binds a template of `cards/` to its view model: the one way a card is made. The template is
 * compiled on first use and kept for the life of the process; a view it has expanded recently
 * is answered from the kept card (see `expanded`).
 */
export function cardTemplate<V extends object>(template: object, verbs: CardVerbs = {}): CardRender<V> {
  let compiled: ACData.Template | undefined;
  const id = `${(templates += 1)}\u0000`;
  return (view) => {
    const key = id + JSON.stringify(view);
    const known = expanded.get(key);
    if (known !== undefined) {
      // Most recently used last: what is evicted first is what was used longest ago.
      expanded.delete(key);
      expanded.set(key, known);
      return JSON.parse(known) as AdaptiveCard;
    }
    compiled ??= new (templatingEngine().Template)(template);
    const card = compiled.expand({ $root: { ...view, verbs } }) as AdaptiveCard;
    const json = JSON.stringify(card);
    if (key.length + json.length <= EXPANDED_CARDS_MAX_CHARS / 10) remember(key, json);
    return JSON.parse(json) as AdaptiveCard;
  };
}

/**
 * The one shape of a message that carries a card (optionally with text above it): replies within
 * a turn (`sendCard`, src/features/shared/reply.ts) and proactive posts (src/notify/messenger.ts).
 */
export function cardMessage(
  card: AdaptiveCard,
  text?: string,
): { text?: string; attachments: { contentType: string; content: AdaptiveCard }[] } {
  return {
    ...(text ? { text } : {}),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
