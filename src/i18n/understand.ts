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
    'understand.intent.activateSupport': 'Technical support',
    'understand.intent.marketingContact': 'Marketing contact and Go-To-Market',
    'understand.intent.cancelPackage': 'Cancel a package',
    'understand.intent.manageRoles': 'Who holds which role',
    'understand.intent.notifications': 'Expiry reminders',
    'understand.intent.help': 'What I can do',

    'understand.phrase.softwareKeys': 'software keys',
    'understand.phrase.azureCredits': 'azure credit',
    'understand.phrase.redeemKey': 'redeem a licence key',
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
    'understand.intent.activateSupport': '技术支持',
    'understand.intent.marketingContact': '营销联系人和市场推广',
    'understand.intent.cancelPackage': '取消权益套餐',
    'understand.intent.manageRoles': '谁拥有哪些角色',
    'understand.intent.notifications': '到期提醒',
    'understand.intent.help': '我能做什么',

    'understand.phrase.softwareKeys': '软件密钥',
    'understand.phrase.azureCredits': 'Azure 额度',
    'understand.phrase.redeemKey': '兑换许可证密钥',
  },
);
