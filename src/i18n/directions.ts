import type { MessageKey } from './catalogues';
import type { LinkId } from './links';
import type { CommandId } from '../features/joins';

/**
 * Where a message that tells a person to do something sends them, so no message is a dead end:
 * - `command`: a command of the bot (its id); the message names one of its phrases, in bold or quotes;
 * - `link`: a place outside the bot (LINKS); the message carries the link;
 * - `card`: a control of the card or prompt the message comes with (a button, a field, a choice);
 * - `person`: a colleague, named or by role, who can do it (the bot says who holds the role);
 * - `teams`: something done in the Teams client itself (add the app to a team, @mention it);
 * - `retry`: doing the same again later (a passing fault).
 * tests/i18n/directions.test.ts finds every message that tells the person to act and checks it
 * is listed here and that the listed place is real.
 */
export type Direction =
  | { command: CommandId }
  | { link: LinkId }
  | { card: true }
  | { person: true }
  | { teams: true }
  | { retry: true };

const card = { card: true } as const;
const person = { person: true } as const;
const teams = { teams: true } as const;
const retry = { retry: true } as const;
const command = (id: CommandId) => ({ command: id });
const link = (id: LinkId) => ({ link: id });

export const DIRECTIONS: Partial<Record<MessageKey, readonly Direction[]>> = {
  'error.generic': [retry],
  'error.storeUnavailable': [retry],
  'error.tenantNotAllowed': [person],
  'error.membershipExpired': [command('enroll')],
  'error.concurrentChange': [card],
  'error.messageTooLong': [retry],
  'dialog.helpHint': [card],
  'dialog.alreadyDoing': [card],
  'understand.confirm.declined': [command('help')],
  'unknown.text': [command('help')],
  'help.intro': [card],
  'help.footer': [person],
  'welcome.footer': [command('help')],
  'welcome.channel.text': [command('noticesSubscribe'), teams],
  'seats.personNotInDirectory': [command('people')],
  'seats.channelOnly': [teams],
  'seats.ask.justificationTooLong': [card],
  'seats.ask.filter': [card],
  'seats.ask.justificationRetry': [card],
  'seats.digest.more': [command('pendingApprovals')],
  'seats.ask.noMatch': [card],
  'seats.ask.poolFullNamed': [command('seatPools')],
  'seats.assign.done': [link('visualStudio')],
  'seats.told.approved': [link('visualStudio')],
  'seats.told.assigned': [link('visualStudio')],
  'seats.reasonRequired': [card],
  'support.request.needPrompt': [card],
  'support.request.retry': [card],
  'gtm.contact.none': [card],
  'gtm.activate.needsContact': [command('marketingContact')],
  'gtm.form.intro': [card],
  'gtm.form.introNoAccount': [card],
  'gtm.form.fillIn': [card],
  'gtm.contact.personMissing': [card],
  'gtm.contact.emailSameAsAccount': [card],
  'gtm.contact.languageMissing': [card],
  'gtm.contact.languageUnknown': [card],
  'benefits.key.pick': [card],
  'benefits.key.pickBoth': [card],
  'benefits.key.posted': [card],
  'benefits.software.noKeyFor': [card],
  'benefits.credit.addLabel': [card],
  'benefits.credit.monthlyRule': [card],
  'benefits.credit.full': [card],
  'benefits.credit.monthlyNoTransfer': [card],
  'benefits.credit.noHolder': [card],
  'benefits.credit.notInDirectory': [command('people')],
  'benefits.credit.pickPerson': [card],
  'benefits.licence.redeem': [card],
  'benefits.licence.once': [card],
  'benefits.licence.whereToRedeem': [link('m365Admin')],
  // Shown right under whereToRedeem, which carries the link.
  'benefits.licence.rightTenant': [card],
  'benefits.licence.nothingToExtend': [card],
  'enroll.alreadyActive': [command('membership')],
  'enroll.alreadySubmitted': [command('membership')],
  'enroll.notStarted': [command('enroll')],
  'enroll.status.draft': [command('enroll')],
  'enroll.details.missing': [card],
  'enroll.useCard': [card],
  'enroll.details.intro': [command('enroll')],
  'enroll.freeMail.text': [card],
  'enroll.code.sent': [person, card],
  'enroll.code.noneWaiting': [card],
  'enroll.code.local': [card],
  'enroll.code.expired': [card],
  'enroll.code.tooManyAttempts': [card],
  'enroll.code.none': [card],
  'enroll.code.tooManyCodes': [retry],
  'enroll.agreement.declined': [command('enroll')],
  'enroll.submitted': [command('membership')],
  'membership.banner.lapsed': [command('enroll')],
  'membership.upgrade.chooseFirst': [card],
  'membership.banner.expired': [card],
  'membership.status.renewalDue': [card],
  'benefits.renewNow': [command('membership')],
  'benefits.lapsed': [command('enroll')],
  'reports.usage.digestInvalid': [command('usageDigestFrequency')],
  'membership.upgrade.confirmText': [link('partnerCenter')],
  'membership.upgrade.needsNetwork': [command('enroll')],
  'membership.upgrade.expired': [command('enroll')],
  'membership.renew.closed': [link('partnerCenter')],
  'roleAdmin.chooseFirst': [card],
  'roleAdmin.notTold': [person],
  'roleAdmin.confirmGrantTitle': [card],
  'roleAdmin.confirmRevokeTitle': [card],
  // Shown on the role card, whose controls make someone else Global admin.
  'roleAdmin.lastGlobalAdmin': [card],
  'roleAdmin.youWereGranted': [command('myRoles')],
  'roleAdmin.youWereRevoked': [command('myRoles')],
  'directory.noTeams': [teams, card],
  'directory.chooseFirst': [card],
  'directory.chooseTeamFirst': [card],
  'directory.rosterUnavailable': [retry],
  'directory.addedNext': [command('assignSeat'), command('benefits')],
  'directory.nameNeeded': [card],
  'directory.notYourself': [person],
  'directory.isMarketingContact': [command('marketingContact')],
  'directory.transferFirst': [card],
  'directory.confirmTitle': [card],
  'directory.changed': [card],
  // English says how to switch to Chinese, and the Chinese how to switch to English.
  'language.now': [command('speakChinese'), command('speakEnglish')],
  'notices.channelOnly': [teams],
  'notices.disabledTold': [command('noticesSubscribe')],
  'notices.card.hint': [command('benefits'), command('membership')],
  'understand.clarify.text': [command('help')],
  'understand.notifications.channelOnly': [teams, command('noticesSubscribe')],
};
