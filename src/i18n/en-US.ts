/**
 * The en-US catalogue. Its keys are THE key set: zh-CN must have exactly these (the compiler
 * checks it, and a test does too). `{name}` placeholders are filled by `t()`.
 */
export const enUS = {
  'app.name': 'Partner Benefits',

  'error.generic':
    'Sorry, something went wrong on my side and nothing was changed. Please try again. (ref {ref})',
  'error.storeUnavailable':
    'I could not reach the benefits records just now, so nothing was changed. Please try again in a minute. (ref {ref})',
  'error.tenantNotAllowed':
    'Sorry, this bot is not available to your organisation. Ask your IT administrator if you think it should be.',
  'error.noTenant': 'I can only help inside a Microsoft Teams organisation.',
  'error.notAuthorized': 'To {action} you need the {roles} role.',
  'error.notAuthorizedHolders': '{holders} can do it for you.',
  'error.notAuthorizedNoHolders': 'Nobody in your organisation holds it yet.',
  'error.membershipExpired':
    'Your organisation’s membership has expired, so records are read-only. Renew the membership first, then try again.',
  'error.invalidAction': 'That button no longer works or its data was not valid, so nothing was changed.',
  'error.unknownVerb': 'I don’t know that action, so nothing was changed.',
  'error.concurrentChange':
    'Someone changed this at the same moment. Nothing was lost: please look at the updated card and try again.',
  'error.messageTooLong': 'That message is too long for me; please keep it under {max} characters.',

  'unknown.text': 'I didn’t catch that. Type **help** to see what I can do for you.',

  'role.GlobalAdmin': 'Global admin',
  'role.UserManagementAdmin': 'User management admin',
  'role.AdminAgent': 'Admin agent',
  'role.MpnPartnerAdmin': 'MPN partner admin',
  'role.none': 'Employee (no admin role)',
  'list.or': ' or ',
  'list.and': ', ',

  'action.roles.view': 'see your own roles',
  'action.roles.list': 'see who holds which role',
  'action.roles.grant': 'grant roles',
  'action.roles.revoke': 'revoke roles',
  'action.roles.manageGlobalAdmin': 'grant or revoke the Global admin role',
  'action.directory.addMember': 'add people to the directory',
  'action.directory.removeMember': 'remove people from the directory',
  'action.audit.view': 'read the audit log',
  'action.enroll.start': 'enrol the organisation',
  'action.enroll.approve': 'complete an enrolment review',
  'action.profile.update': 'update the organisation profile',
  'action.membership.view': 'see the membership level and expiry',
  'action.membership.renew': 'renew the membership',
  'action.membership.upgrade': 'upgrade the membership',
  'action.benefits.view': 'see the organisation’s benefits',
  'action.package.buy': 'buy benefit packages',
  'action.package.cancel': 'cancel a benefit package',
  'action.software.revealKeys': 'reveal software product keys',
  'action.license.redeem': 'redeem licence keys',
  'action.credit.addUser': 'add people to Azure credit',
  'action.credit.removeUser': 'remove people from Azure credit',
  'action.credit.transfer': 'transfer bulk Azure credit',
  'action.seat.request': 'request a Visual Studio seat',
  'action.seat.assign': 'assign Visual Studio seats',
  'action.seat.reassign': 'reassign Visual Studio seats',
  'action.seat.release': 'release Visual Studio seats',
  'action.seat.approve': 'approve seat requests',
  'action.seat.reject': 'reject seat requests',
  'action.approvals.setChannel': 'choose the approvals channel',
  'action.support.view': 'see technical support benefits',
  'action.support.activate': 'activate technical support benefits',
  'action.support.complete': 'mark support activation complete',
  'action.gtm.setContact': 'set the marketing contact',
  'action.gtm.activate': 'activate Go-To-Market offers',
  'action.gtm.complete': 'mark Go-To-Market activation complete',
  'action.notify.subscribe': 'turn on expiry reminders in a channel',
  'action.notify.unsubscribe': 'turn off expiry reminders in a channel',

  'roles.title': 'Your roles',
  'roles.subtitle': '{name} · {tenant}',
  'roles.held': 'Roles',
  'roles.allows': 'What you can do',
  'roles.refresh': 'Refresh',
  'roles.updatedAt': 'As of {time}',

  'help.title': 'What I can do for you',
  'help.intro': 'Hi {name}! Type a command below, or press a button.',
  'help.cmd.help': 'show this card',
  'help.cmd.myRoles': 'your roles and what they allow',
  'help.footer': 'Your roles decide what you can do; ask a Global admin if something you need is missing.',
} as const;

export type MessageKey = keyof typeof enUS;
export type Catalogue = Record<MessageKey, string>;
