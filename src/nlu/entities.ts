import type { Entities } from './intents';
import { isHan, normalizeText } from './zh';

/**
 * Details people say alongside what they want, beyond the corpus's enum entities: the product or
 * subscription by its display name, and numbers of days ("remind us 14 and 3 days before"). The
 * person's name stays the raw text the recogniser read ("Fang", "吴芳"): only the bot, which has
 * the tenant's directory, resolves it (`matchPeople`), and never guesses it into an assignment.
 */

/** Display names of the corpus's product options (the names the partner portal uses). */
const PRODUCT_NAMES: Record<string, string> = {
  visualStudio: 'Visual Studio',
  windowsServer: 'Windows Server',
  windows: 'Windows',
  sqlServer: 'SQL Server',
  office365: 'Office 365',
  dynamics365: 'Dynamics 365',
  powerBi: 'Power BI',
  intune: 'Intune',
  azure: 'Azure',
};
const POOL_NAMES: Record<string, string> = { enterprise: 'Enterprise', professional: 'Professional' };

/** "Visual Studio Enterprise", "Power BI", … from the product (and pool) the recogniser found. */
export function subscriptionName(entities: Entities): string | undefined {
  const product = entities.product ?? (entities.pool ? 'visualStudio' : undefined);
  if (!product) return undefined;
  const name = PRODUCT_NAMES[product];
  if (!name) return undefined;
  return product === 'visualStudio' && entities.pool ? `${name} ${POOL_NAMES[entities.pool]}` : name;
}

const DAY_WORDS = /\bdays?\b|天|日/iu;
const MAX_DAYS = 365;

/** The numbers of days a text names ("14 and 3 days before", "提前 14 天和 3 天"), largest first. */
export function daysIn(text: string): number[] | undefined {
  if (!DAY_WORDS.test(text)) return undefined;
  const numbers = [...text.matchAll(/\d{1,3}/g)]
    .map((m) => Number(m[0]))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= MAX_DAYS);
  if (numbers.length === 0) return undefined;
  return [...new Set(numbers)].sort((a, b) => b - a).slice(0, 6);
}

/** The entities this module adds to what the recogniser found (the recogniser's one hook). */
export function moreEntities(text: string, found: Entities): Partial<Entities> {
  const more: Partial<Entities> = {};
  const subscription = subscriptionName(found);
  if (subscription) more.subscription = subscription;
  const days = daysIn(text);
  if (days) more.days = days;
  return more;
}

/** Someone of the directory, as far as matching a name needs. */
export interface NamedPerson {
  aadObjectId: string;
  name: string;
  chineseName?: string;
}

/**
 * The people of the directory a typed name can mean: the whole display name, the given name (or
 * any one part of the name), or the Chinese name of people who have one. An exact full-name match
 * wins over partial ones; no match is an empty list (the caller asks back, never guesses).
 */
export function matchPeople<P extends NamedPerson>(raw: string, people: readonly P[]): P[] {
  const typed = normalizeText(raw).replace(/\s+/g, ' ').trim();
  if (!typed) return [];
  const full = people.filter(
    (p) => normalizeText(p.name) === typed || (p.chineseName !== undefined && p.chineseName === raw.trim()),
  );
  if (full.length > 0) return full;
  if (isHan(typed)) {
    return people.filter((p) => p.chineseName !== undefined && p.chineseName.includes(typed));
  }
  const words = typed.split(' ');
  return people.filter((p) => {
    const parts = normalizeText(p.name).split(/\s+/);
    return words.every((w) => parts.includes(w));
  });
}
