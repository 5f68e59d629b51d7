import { defineMessages } from './define';

/** What admins can see: the reminder delivery report (more reports join this module). */
export const reports = defineMessages(
  {
    'reports.cmd.delivery': 'see whether expiry reminders arrived, channel by channel',

    'reports.delivery.title': 'Reminder delivery report',
    'reports.delivery.none':
      'No channel gets expiry reminders yet. In a team channel, @mention me with “post expiry reminders here”.',
    'reports.delivery.on': 'Reminders on',
    'reports.delivery.off': 'Reminders off',
    'reports.delivery.noScans': 'Nothing was due for this channel in the recent checks.',
    'reports.delivery.scan': '{at}: {sent} sent, {failed} not delivered, {skipped} already sent earlier',
    'reports.delivery.scanRetried':
      '{at}: {sent} sent ({retried} after Teams asked me to slow down), {failed} not delivered, {skipped} already sent earlier',
    'reports.delivery.problem': '{name} ({threshold}): {why}',
    'reports.delivery.threshold': '{days} days before',
    'reports.delivery.thresholdExpired': 'expired',
    'reports.delivery.unknownItem': 'an item that no longer exists',
    'reports.delivery.why.botRemoved': 'not delivered, the app was removed from the team or blocked there',
    'reports.delivery.why.conversationGone': 'not delivered, the channel or conversation no longer exists',
    'reports.delivery.why.throttled':
      'not delivered, Teams kept asking me to slow down; the next check tries again by itself',
    'reports.delivery.why.throttledRetried':
      'delivered after Teams asked me to slow down ({retries} retries)',
    'reports.delivery.why.ambiguous':
      'unclear: Teams answered with an error after the message was handed over, so it may already be shown; I do not send it again by myself',
    'reports.delivery.why.rejected': 'not delivered, Teams refused the message',
    'reports.delivery.why.unknown': 'not delivered',
    'reports.delivery.offWhy.botRemoved':
      'Turned off because the app was removed from the team or blocked there.',
    'reports.delivery.offWhy.conversationGone': 'Turned off because the channel no longer exists.',
    'reports.delivery.offWhy.admin': 'Turned off by an admin.',
    'reports.delivery.offWhy.inactive': 'Turned off because I can no longer post there.',
    'reports.delivery.turnOn':
      'To turn them on again: {addApp}@mention me in that channel with “post expiry reminders here”.',
    'reports.delivery.turnOnAddApp': 'add the app to the team again, then ',
    'reports.delivery.nextTitle': 'Due next',
    'reports.delivery.nextNone': 'No reminder is due in the coming days.',
    'reports.delivery.next': '{on}: {name}, {threshold} ({channels} channels)',
    'reports.delivery.resend': 'Send again',
    'reports.delivery.refresh': 'Refresh',
    'reports.delivery.confirmTitle': 'Send this reminder again?',
    'reports.delivery.confirmText': '“{name}” ({threshold}) goes to {channel} again.',
    'reports.delivery.confirmAmbiguous':
      'Teams may already have shown this one: it answered with an error after receiving it. If people in the channel already see it, sending again makes a duplicate.',
    'reports.delivery.confirm': 'Send again',
    'reports.delivery.back': 'Back to the report',
    'reports.delivery.resent': 'Sent again to {channel}.',
    'reports.delivery.resendFailed': 'Sending again did not work either; the report below says why.',
    'reports.delivery.resendNotFailed':
      'That reminder is no longer waiting to be sent again (it was sent, or someone else is sending it).',
    'reports.delivery.resendChannelOff': 'That channel gets no reminders any more; turn them on there first.',
    'reports.delivery.resendItemGone':
      'The item of that reminder no longer exists, so there is nothing to send.',
  },
  {
    'reports.cmd.delivery': '按频道查看到期提醒是否送达',

    'reports.delivery.title': '提醒送达报告',
    'reports.delivery.none': '目前没有频道接收到期提醒。请在团队频道中 @我 并说“在这个频道发送到期提醒”。',
    'reports.delivery.on': '提醒已开启',
    'reports.delivery.off': '提醒已关闭',
    'reports.delivery.noScans': '最近几次检查中，此频道没有到期的项目。',
    'reports.delivery.scan': '{at}：已发送 {sent} 条，{failed} 条未送达，{skipped} 条此前已发送',
    'reports.delivery.scanRetried':
      '{at}：已发送 {sent} 条（其中 {retried} 条是在 Teams 要求放慢后发出的），{failed} 条未送达，{skipped} 条此前已发送',
    'reports.delivery.problem': '{name}（{threshold}）：{why}',
    'reports.delivery.threshold': '提前 {days} 天',
    'reports.delivery.thresholdExpired': '已到期',
    'reports.delivery.unknownItem': '一个已不存在的项目',
    'reports.delivery.why.botRemoved': '未送达，应用已从团队中移除或在那里被阻止',
    'reports.delivery.why.conversationGone': '未送达，该频道或会话已不存在',
    'reports.delivery.why.throttled': '未送达，Teams 一直要求放慢发送；下次检查会自动重试',
    'reports.delivery.why.throttledRetried': '在 Teams 要求放慢后送达（重试 {retries} 次）',
    'reports.delivery.why.ambiguous':
      '不确定：Teams 收到消息后返回了错误，消息可能已经显示；我不会自行再次发送',
    'reports.delivery.why.rejected': '未送达，Teams 拒绝了该消息',
    'reports.delivery.why.unknown': '未送达',
    'reports.delivery.offWhy.botRemoved': '已关闭：应用已从团队中移除或在那里被阻止。',
    'reports.delivery.offWhy.conversationGone': '已关闭：该频道已不存在。',
    'reports.delivery.offWhy.admin': '已由管理员关闭。',
    'reports.delivery.offWhy.inactive': '已关闭：我无法再在那里发消息。',
    'reports.delivery.turnOn': '重新开启的方法：{addApp}在该频道中 @我 并说“在这个频道发送到期提醒”。',
    'reports.delivery.turnOnAddApp': '先把应用重新添加到团队，然后',
    'reports.delivery.nextTitle': '即将发送',
    'reports.delivery.nextNone': '未来几天没有要发送的提醒。',
    'reports.delivery.next': '{on}：{name}，{threshold}（{channels} 个频道）',
    'reports.delivery.resend': '再次发送',
    'reports.delivery.refresh': '刷新',
    'reports.delivery.confirmTitle': '要再次发送这条提醒吗？',
    'reports.delivery.confirmText': '“{name}”（{threshold}）将再次发送到 {channel}。',
    'reports.delivery.confirmAmbiguous':
      'Teams 可能已经显示了这条提醒：它在收到消息后返回了错误。如果频道里的人已经看到，再次发送会产生重复消息。',
    'reports.delivery.confirm': '再次发送',
    'reports.delivery.back': '返回报告',
    'reports.delivery.resent': '已再次发送到 {channel}。',
    'reports.delivery.resendFailed': '再次发送仍未成功；原因见下方报告。',
    'reports.delivery.resendNotFailed': '这条提醒已不需要再次发送（已经发送，或有其他人正在发送）。',
    'reports.delivery.resendChannelOff': '该频道已不再接收提醒；请先在那里重新开启。',
    'reports.delivery.resendItemGone': '这条提醒对应的项目已不存在，没有可发送的内容。',
  },
);
