import * as ACData from 'adaptivecards-templating';
import helpTemplate from '../cards/help.json';
import messageTemplate from '../cards/message.json';
import rolesTemplate from '../cards/roles.json';

/**
 * Cards are JSON templates in `cards/` plus one typed view model each; `renderCard` is the only
 * way a card is made. Templates hold no logic beyond `${}` binding: every word in a view model
 * is already localised by the code that builds it.
 */

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export interface HelpView {
  title: string;
  intro: string;
  commands: { command: string; description: string }[];
  footer: string;
  buttons: { title: string; command: string }[];
}

export interface RolesView {
  title: string;
  subtitle: string;
  heldLabel: string;
  roles: { name: string }[];
  allowsLabel: string;
  allows: { text: string }[];
  refreshTitle: string;
  updatedAt: string;
}

export interface MessageView {
  style: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  title: string;
  text: string;
}

export interface CardViews {
  help: HelpView;
  roles: RolesView;
  message: MessageView;
}

export const CARD_TEMPLATES: Record<keyof CardViews, object> = {
  help: helpTemplate,
  roles: rolesTemplate,
  message: messageTemplate,
};

/** Teams refuses or truncates big cards; keep every card well under this. */
export const MAX_CARD_BYTES = 28 * 1024;

const compiled = new Map<keyof CardViews, ACData.Template>();

export function renderCard<K extends keyof CardViews>(name: K, view: CardViews[K]): AdaptiveCard {
  let template = compiled.get(name);
  if (!template) {
    template = new ACData.Template(CARD_TEMPLATES[name]);
    compiled.set(name, template);
  }
  return template.expand({ $root: view }) as AdaptiveCard;
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
