import type { MessagesOf } from './catalogues';
import { defineMessages } from './define';

/** Understanding free text: the clarifying question and what each meaning is called. */
export const understand = defineMessages(
  {
    'understand.clarify.title': 'Did you mean…?',
    'understand.clarify.text':
      'I’m not sure I understood. Pick one of these, or type **help** to see everything I can do.',
    'understand.notifications.channelOnly':
      'Expiry reminders are posted in a team channel. Add me to the channel, then mention me there with **post expiry reminders here**.',

    'understand.intent.enroll': 'Enrol the organisation',
    'understand.intent.membership': 'Membership and renewal',
    'understand.intent.listBenefits': 'Our benefits',
    'understand.intent.softwareKeys': 'Software and product keys',
    'understand.intent.azureCredits': 'Azure credit',
    'understand.intent.redeemKey': 'Redeem a licence key',
    'understand.intent.requestSeat': 'Request a Visual Studio seat',
    'understand.intent.assignSeat': 'Assign a Visual Studio seat',
    'understand.intent.seatStatus': 'Visual Studio seats in use and free',
    'understand.intent.activateSupport': 'Technical support',
    'understand.intent.marketingContact': 'Marketing contact and Go-To-Market',
    'understand.intent.cancelPackage': 'Cancel a package',
    'understand.intent.manageRoles': 'Who holds which role',
    'understand.intent.auditLog': 'Audit log',
    'understand.intent.notifications': 'Expiry reminders',
    'understand.intent.help': 'What I can do',

    'understand.phrase.softwareKeys': 'software keys',
    'understand.phrase.azureCredits': 'azure credit',
    'understand.phrase.redeemKey': 'redeem a licence key',

    'understand.confirm.enroll': 'Do you want to start enrolling your organisation?',
    'understand.confirm.requestSeat': 'Do you want to request a Visual Studio seat?',
    'understand.confirm.requestSeatPool': 'Do you want to request a {pool} seat?',
    'understand.confirm.assignSeat': 'Do you want to assign a Visual Studio seat to someone?',
    'understand.confirm.activateSupport': 'Do you want to activate a technical support benefit?',
    'understand.confirm.marketingContact':
      'Do you want to set the marketing contact for Go-To-Market offers?',
    'understand.confirm.cancelPackage': 'Do you want to cancel a package?',
    'understand.confirm.notifications': 'Do you want expiry reminders posted in this channel?',
    'understand.confirm.thresholds': 'Do you want reminders {days} days before things expire?',
    'understand.confirm.yes': 'Yes',
    'understand.confirm.no': 'No',
    'understand.confirm.declined': 'All right, nothing was changed. Type **help** to see what I can do.',
  },
  {
    'understand.clarify.title': '你是想…？',
    'understand.clarify.text': '我不太确定你的意思。请选择下面的一项，或输入 **帮助** 查看我能做的所有事情。',
    'understand.notifications.channelOnly':
      '到期提醒会发布在团队频道中。请把我添加到该频道，然后在频道中 @我 并输入 **在这个频道发送到期提醒**。',

    'understand.intent.enroll': '注册组织',
    'understand.intent.membership': '成员身份和续订',
    'understand.intent.listBenefits': '我们的权益',
    'understand.intent.softwareKeys': '软件和产品密钥',
    'understand.intent.azureCredits': 'Azure 额度',
    'understand.intent.redeemKey': '兑换许可证密钥',
    'understand.intent.requestSeat': '申请 Visual Studio 席位',
    'understand.intent.assignSeat': '分配 Visual Studio 席位',
    'understand.intent.seatStatus': 'Visual Studio 席位使用情况',
    'understand.intent.activateSupport': '技术支持',
    'understand.intent.marketingContact': '营销联系人和市场推广',
    'understand.intent.cancelPackage': '取消权益套餐',
    'understand.intent.manageRoles': '谁拥有哪些角色',
    'understand.intent.auditLog': '审计日志',
    'understand.intent.notifications': '到期提醒',
    'understand.intent.help': '我能做什么',

    'understand.phrase.softwareKeys': '软件密钥',
    'understand.phrase.azureCredits': 'Azure 额度',
    'understand.phrase.redeemKey': '兑换许可证密钥',

    'understand.confirm.enroll': '要开始注册你的组织吗？',
    'understand.confirm.requestSeat': '要申请一个 Visual Studio 席位吗？',
    'understand.confirm.requestSeatPool': '要申请一个 {pool} 席位吗？',
    'understand.confirm.assignSeat': '要给某人分配一个 Visual Studio 席位吗？',
    'understand.confirm.activateSupport': '要激活一项技术支持权益吗？',
    'understand.confirm.marketingContact': '要设置市场推广套餐的营销联系人吗？',
    'understand.confirm.cancelPackage': '要取消一个权益套餐吗？',
    'understand.confirm.notifications': '要在这个频道发送到期提醒吗？',
    'understand.confirm.thresholds': '要在到期前 {days} 天发送提醒吗？',
    'understand.confirm.yes': '是',
    'understand.confirm.no': '否',
    'understand.confirm.declined': '好的，没有做任何更改。输入 **帮助** 查看我能做的事情。',
  },
);

declare module './catalogues' {
  interface MessageRegistry extends MessagesOf<typeof understand> {}
}
