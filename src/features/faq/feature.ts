import { faq } from './messages';
import { defineFeature } from '../feature';

/**
 * Answers to questions about the programme ("what is a competency?"). Understanding free text
 * (src/bot/understand.ts) picks the answer; this feature has no command or verb of its own.
 */
export const faqFeature = defineFeature({ id: 'faq', messages: faq, commands: [], verbs: {} });
