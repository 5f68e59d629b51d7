import type { Command, Feature, VerbHandler } from '../feature';
import { coreFeature } from './core';

/**
 * Every capability of the bot. A new feature is one module in this folder and one line here.
 */
export const FEATURES: readonly Feature[] = [coreFeature];

export const ALL_COMMANDS: readonly Command[] = FEATURES.flatMap((f) => f.commands);

/** The verb table of all features; a verb defined twice is a programming error. */
export function verbTable(features: Feature[]): Map<string, VerbHandler> {
  const table = new Map<string, VerbHandler>();
  for (const f of features) {
    for (const [name, handler] of Object.entries(f.verbs)) {
      if (table.has(name)) throw new Error(`verb ${name} is defined twice (feature ${f.id})`);
      table.set(name, handler);
    }
  }
  return table;
}

/** Lower-case, trimmed, inner whitespace folded, trailing punctuation dropped. */
export function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!?。！？]+$/u, '');
}

export function findCommand(commands: readonly Command[], text: string): Command | undefined {
  const n = normalize(text);
  return commands.find((c) => c.phrases['en-US'].includes(n) || c.phrases['zh-CN'].includes(n));
}
