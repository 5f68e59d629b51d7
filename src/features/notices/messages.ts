import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Expiry notices in channels. */
export const notices = defineMessages(
  {
    'notices.cmd.subscribe': 'post expiry reminders in this channel',
    'notices.cmd.unsubscribe': 'stop expiry reminders in this channel',
    'notices.cmd.run': 'check for expiring items now',
    'notices.cmd.thresholds': 'set when reminders go out, e.g. “reminder days 30 7 1”',
    'notices.cmd.languageZh': 'post this organisation’s reminders in Chinese',
    'notices.cmd.languageEn': 'post this organisation’s reminders in English',

    'notices.channelOnly':
      'Expiry reminders go to a team channel: say this in the channel, with an @mention of me.',
    'notices.subscribed':
      'Done: this channel will get reminders {thresholds} days before things expire, and a notice when they have expired.',
    'notices.unsubscribed': 'This channel will get no more expiry reminders.',
    'notices.notSubscribed': 'This channel does not get expiry reminders.',
    'notices.thresholdsSet': 'Reminders will now go out {thresholds} days before expiry.',
    'notices.thresholdsInvalid':
      'Give one to six numbers of days between 1 and 365, for example: reminder days 30 7 1',
    'notices.languageSetEn': 'Channel reminders will now be in English.',
    'notices.languageSetZh': 'Channel reminders will now be in Chinese.',
    'notices.ran': 'Checked: {sent} reminders sent, {skipped} already sent earlier, {failed} failed.',
    'notices.busy': 'Another check is running right now; its results will arrive in the channels shortly.',
    'notices.disabledTold':
      'I could not post expiry reminders in {channel} any more (the app was removed or blocked there), so I stopped them. Say “post expiry reminders here” in a channel to turn them on again.',

    'notices.card.expiresIn': 'Expires in {days} days',
    'notices.card.expiresTomorrow': 'Last day is tomorrow',
    'notices.card.expiresToday': 'Today is the last day',
    'notices.card.expired': 'Expired',
    'notices.card.lastDay': 'Last day',
    'notices.card.kind': 'Kind',
    'notices.card.hint':
      'Activate, redeem or renew it before the last day; ask me about “benefits” or “membership”.',
    'notices.card.digestTitle': '{count} items need attention',
    'notices.card.digestRow': '{name} · {when}',

    'notices.kind.membership': 'Membership',
    'notices.kind.package': 'Benefit package',
    'notices.kind.seatPool': 'Visual Studio subscriptions',
    'notices.kind.software': 'Software',
    'notices.kind.azureMonthlyCredit': 'Azure monthly credit',
    'notices.kind.azureBulkCredit': 'Azure bulk credit',
    'notices.kind.licence': 'Licence-based subscription',
    'notices.kind.visualStudio': 'Visual Studio',
    'notices.kind.technical': 'Technical support',
    'notices.kind.gtm': 'Go-To-Market offer',

    'notices.sub.title': 'Expiry reminders in this channel',
    'notices.sub.categories': 'Which kinds of item? (none selected = all)',
    'notices.sub.save': 'Save',
    'notices.sub.stop': 'Stop reminders',
    'notices.sub.saved': 'Saved: {categories}.',
    'notices.sub.all': 'every kind of item',
  },
  {
    'notices.cmd.subscribe': '在此频道发送到期提醒',
    'notices.cmd.unsubscribe': '停止此频道的到期提醒',
    'notices.cmd.run': '立即检查即将到期的项目',
    'notices.cmd.thresholds': '设置提醒时间，例如“提醒天数 30 7 1”',
    'notices.cmd.languageZh': '用中文发送本组织的提醒',
    'notices.cmd.languageEn': '用英文发送本组织的提醒',

    'notices.channelOnly': '到期提醒发送到团队频道：请在频道中 @我 并发送此命令。',
    'notices.subscribed': '完成：此频道将在项目到期前 {thresholds} 天收到提醒，并在到期后收到通知。',
    'notices.unsubscribed': '此频道将不再收到到期提醒。',
    'notices.notSubscribed': '此频道没有开启到期提醒。',
    'notices.thresholdsSet': '今后将在到期前 {thresholds} 天发送提醒。',
    'notices.thresholdsInvalid': '请给出一到六个 1 到 365 之间的天数，例如：提醒天数 30 7 1',
    'notices.languageSetEn': '频道提醒今后将使用英文。',
    'notices.languageSetZh': '频道提醒今后将使用中文。',
    'notices.ran': '检查完成：发送了 {sent} 条提醒，{skipped} 条此前已发送，{failed} 条失败。',
    'notices.busy': '另一项检查正在进行，结果很快会出现在各频道中。',
    'notices.disabledTold':
      '我已无法在 {channel} 中发送到期提醒（应用已被移除或阻止），因此已停止。要重新开启，请在频道中说“在这个频道发送到期提醒”。',

    'notices.card.expiresIn': '{days} 天后到期',
    'notices.card.expiresTomorrow': '明天是最后一天',
    'notices.card.expiresToday': '今天是最后一天',
    'notices.card.expired': '已到期',
    'notices.card.lastDay': '最后一天',
    'notices.card.kind': '类别',
    'notices.card.hint': '请在最后一天之前激活、兑换或续订；可以问我“权益”或“成员身份”。',
    'notices.card.digestTitle': '有 {count} 个项目需要处理',
    'notices.card.digestRow': '{name} · {when}',

    'notices.kind.membership': '成员身份',
    'notices.kind.package': '权益套餐',
    'notices.kind.seatPool': 'Visual Studio 订阅',
    'notices.kind.software': '软件',
    'notices.kind.azureMonthlyCredit': 'Azure 每月额度',
    'notices.kind.azureBulkCredit': 'Azure 批量额度',
    'notices.kind.licence': '基于许可证的订阅',
    'notices.kind.visualStudio': 'Visual Studio',
    'notices.kind.technical': '技术支持',
    'notices.kind.gtm': '市场推广（GTM）优惠',

    'notices.sub.title': '此频道的到期提醒',
    'notices.sub.categories': '提醒哪些类别？（不选 = 全部）',
    'notices.sub.save': '保存',
    'notices.sub.stop': '停止提醒',
    'notices.sub.saved': '已保存：{categories}。',
    'notices.sub.all': '所有类别',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof notices> {}
}
