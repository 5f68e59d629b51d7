import type { Command, Feature, VerbHandler } from './feature';
import type { CommandId } from './joins';
import { normalize } from './shared/text';
import { benefitsFeature } from './benefits/feature';
import { auditFeature } from './audit/feature';
import { coreFeature } from './core/feature';
import { noticesFeature } from './notices/feature';
import { enrollFeature } from './enroll/feature';
import { languageFeature } from './language/feature';
import { membershipFeature } from './membership/feature';
import { roleAdminFeature } from './roleAdmin/feature';
import { directoryFeature } from './directory/feature';
import { gtmFeature } from './gtm/feature';
import { seatsFeature } from './seats/feature';
import { supportFeature } from './support/feature';
import { reportsFeature } from './reports/feature';
import { faqFeature } from './faq/feature';

/**
 * Every capability of the bot, the one place a capability is registered: its line here brings its
 * commands, card verbs, dialogs and messages (docs/architecture.md, "Adding a capability").
 */
export const FEATURES = [
  coreFeature,
  seatsFeature,
  supportFeature,
  gtmFeature,
  benefitsFeature,
  enrollFeature,
  membershipFeature,
  roleAdminFeature,
  directoryFeature,
  auditFeature,
  languageFeature,
  noticesFeature,
  reportsFeature,
  faqFeature,
] as const satisfies readonly Feature[];

export const ALL_COMMANDS: readonly Command<CommandId>[] = FEATURES.flatMap(
  (f): readonly Command<CommandId>[] => f.commands,
);

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

/** A command's phrases in both languages, normalised once per command (they never change). */
const phrasesOf = new WeakMap<Command, string[]>();
function normalizedPhrases(command: Command): string[] {
  let phrases = phrasesOf.get(command);
  if (!phrases) {
    phrases = [...command.phrases['en-US'], ...command.phrases['zh-CN']].map(normalize);
    phrasesOf.set(command, phrases);
  }
  return phrases;
}

/** The command a message names, and what followed its phrase. */
export function findCommand(
  commands: readonly Command[],
  text: string,
): { command: Command; args: string } | undefined {
  const n = normalize(text);
  for (const command of commands) {
    // Phrases are written as help shows them ("申请 Visual Studio"); matching ignores case.
    for (const phrase of normalizedPhrases(command)) {
      if (n === phrase) return { command, args: '' };
      if (command.takesArguments && n.startsWith(phrase)) {
        const rest = n.slice(phrase.length);
        if (/^[\s\d]/.test(rest)) return { command, args: rest.trim() };
      }
    }
  }
  return undefined;
}
