import actionConfirmTemplate from '../../../cards/shared/actionConfirm.json';
import messageTemplate from '../../../cards/shared/message.json';
import clarifyTemplate from '../../../cards/shared/clarify.json';
import peopleTableTemplate from '../../../cards/shared/peopleTable.json';
import { cardTemplate, type ContainerStyle, type CardRender } from '../../cards';
import type { Verb } from '../joins';

export interface MessageView {
  style: ContainerStyle;
  title: string;
  text: string;
}

/** A confirmation step of an Action.Execute flow: Confirm repeats the verb with `confirm: true`. */
export interface ActionConfirmView {
  title: string;
  paragraphs: { text: string }[];
  warnings: { text: string }[];
  confirmTitle: string;
  confirmVerb: Verb;
  confirmData: Record<string, string | number | boolean>;
  backTitle: string;
  backVerb: Verb;
}

/** "Did you mean…?": the likely meanings of an unclear message as Action.Submit buttons. */
export interface ClarifyView {
  title: string;
  buttons: { title: string; command: string }[];
}

/** "Who has what": one block per person, paged, with the buttons the viewer may use. */
export interface PeopleTableView {
  title: string;
  subtitle: string;
  rows: { name: string; lines: { text: string }[]; buttons: { title: string; command: string }[] }[];
  pages: { title: string; offset: number }[];
}

export const renderActionConfirm = cardTemplate<ActionConfirmView>(actionConfirmTemplate);
export const renderMessage = cardTemplate<MessageView>(messageTemplate);
export const renderClarify = cardTemplate<ClarifyView>(clarifyTemplate);
export const renderPeopleTable: CardRender<PeopleTableView> = cardTemplate(peopleTableTemplate, {
  peoplePage: 'people.page',
});
