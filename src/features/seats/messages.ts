import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Visual Studio seats: requests, approvals, assignment. */
export const seats = defineMessages(
  {
    'seats.cmd.request': 'ask for a Visual Studio seat',
    'seats.cmd.assign': 'assign a Visual Studio seat to someone',
    'seats.cmd.pools': 'seat pools: who holds which seat',
    'seats.cmd.myRequests': 'the status of your seat requests',
    'seats.cmd.pending': 'seat requests waiting for a decision',
    'seats.cmd.approvalsHere': 'post seat requests for approval in this channel',

    'seats.unknownPool': 'I could not find that Visual Studio subscription pool.',
    'seats.unknownRequest': 'I could not find that seat request.',
    'seats.unknownAssignment': 'That seat is no longer assigned, so nothing was changed.',
    'seats.personNotInDirectory':
      'That person is not in your organisation’s directory, so nothing was changed. Type **people** to add them first.',
    'seats.alreadyHasSeat': '{name} already holds seat {seat} of this pool.',
    'seats.youHaveSeat': 'You already have a {pool} seat.',
    'seats.poolFull': 'Every {pool} seat is taken. A seat must be released before this can be approved.',
    'seats.poolFullReserved':
      'No {pool} seat can be given out now: the others are taken, and a released seat stays reserved until its 90 days are over. The next one becomes free on {date}.',
    'seats.reassignTooEarly':
      'A seat can be given to someone else only {days} days after it was assigned. This one can be reassigned from {date}.',
    'seats.duplicateRequest':
      'You already have a {pool} request waiting for a decision. I will tell you when it is decided.',
    'seats.noPools': 'Your organisation has no Visual Studio subscriptions yet.',
    'seats.channelOnly': 'This works in a team channel: say it there with an @mention of me.',

    'seats.ask.pool': 'Which Visual Studio subscription do you need?',
    'seats.ask.assignPool': 'Which Visual Studio subscription should the seat come from?',
    'seats.ask.poolFullNamed':
      'Every {pool} seat is held or reserved right now, so none can be given out. **seats** shows the pools and when reserved seats free up.',
    'seats.ask.justification': 'In a sentence, what do you need it for? (This goes to the approver.)',
    'seats.ask.noFreeSeatYet':
      'Every {pool} seat is taken right now. You can still ask: your request waits until a seat is released.',
    'seats.ask.justificationTooLong': 'Please keep it under 500 characters.',
    'seats.ask.justificationRetry':
      'Please tell me, in a sentence of under 500 characters, what you need the seat for. Type **cancel** to stop.',
    'seats.ask.person': 'Who should get the seat?',
    'seats.ask.filter': 'Type part of the person’s name.',
    'seats.ask.noMatch': 'Nobody in the directory matches “{text}”. Try another part of the name.',
    'seats.ask.confirmAssign': 'Assign a {pool} seat to {name}?',
    'seats.ask.unknownPerson': 'I found nobody called “{text}” in the directory, so I am asking instead.',
    'seats.ask.alreadyHolds': '{name} already has a {pool} seat.',
    'seats.choice.pool': '{pool} ({used} of {total} used)',
    'seats.choice.yes': 'Yes',
    'seats.choice.no': 'No',
    'seats.assign.cancelled': 'Fine, nothing was assigned.',
    'seats.assign.done':
      'Done: {name} has seat {seat} of {pool} ({used} of {total} now used). They manage their subscription at https://my.visualstudio.com.',

    'seats.requested':
      'Your request for a {pool} seat was sent to your approvers. I will tell you here when it is decided.',
    'seats.requestedNoFreeSeat':
      'Your request is recorded, but every {pool} seat is taken at the moment; an admin needs to free one before approving.',
    'seats.requestedNoApprover':
      'Your request is recorded. None of your Global admins has the bot installed yet, so they will see it when they ask for pending approvals.',
    'seats.told.approved':
      'Good news: your {pool} request was approved by {by}. Seat {seat} is yours: manage your subscription at https://my.visualstudio.com.',
    'seats.told.rejected': 'Your {pool} request was declined by {by}. Reason: {reason}',
    'seats.told.assigned':
      '{by} gave you seat {seat} of {pool}. Manage your subscription at https://my.visualstudio.com.',

    'seats.card.title': 'Visual Studio seat request',
    'seats.card.requester': 'Requested by',
    'seats.card.subscription': 'Subscription',
    'seats.card.justification': 'Why',
    'seats.card.requestedOn': 'Requested',
    'seats.card.poolUsage': 'Seats',
    'seats.card.usage': '{used} of {total} used',
    'seats.card.noFreeSeat': 'No free seat: approving needs a seat to be released first.',
    'seats.card.status': 'Status',
    'seats.status.pending': 'Waiting for approval',
    'seats.status.approving': 'Being approved…',
    'seats.status.approved': 'Approved by {by} at {at} (seat {seat})',
    'seats.status.rejected': 'Declined by {by} at {at}: {reason}',
    'seats.button.approve': 'Approve',
    'seats.button.reject': 'Decline',
    'seats.button.confirmReject': 'Decline request',
    'seats.button.review': 'Review',
    'seats.reasonLabel': 'Reason (the requester will see it)',
    'seats.reasonRequired': 'Please give a reason for declining (up to 500 characters).',

    'seats.pools.title': 'Visual Studio subscriptions',
    'seats.pools.seat': 'Seat {seat}',
    'seats.pools.since': 'since {date}',
    'seats.pools.reassignFrom': 'reassignable from {date}',
    'seats.pools.free': '{free} free',
    'seats.pools.reservedCount': '{count} reserved',
    'seats.pools.withdrawn': 'withdrawn: its package {package} was cancelled on {date}',
    'seats.pools.reserved': 'Reserved (released from {name} on {date})',
    'seats.pools.reservedUntil':
      'reserved until its 90 days are over: it can be given to someone else from {date}',
    'seats.button.release': 'Release seat {seat}',
    'seats.button.reassign': 'Reassign seat {seat}',
    'seats.button.confirmReassign': 'Reassign',

    'seats.list.pendingTitle': 'Seat requests waiting for a decision',
    'seats.list.mineTitle': 'Your seat requests',
    'seats.list.none': 'Nothing here.',
    'seats.list.row': '{requester} · {pool} · {date}',
    'seats.digest.title': '{count} seat requests are waiting for a decision',
    'seats.digest.none': 'No seat requests are waiting for a decision.',
    'seats.digest.more': '{count} more are waiting: say "pending approvals" to see them all.',

    'seats.approvalsHere': 'Seat requests will now be posted in this channel for approval.',
  },
  {
    'seats.cmd.request': '申请 Visual Studio 席位',
    'seats.cmd.assign': '为他人分配 Visual Studio 席位',
    'seats.cmd.pools': '席位池：谁拥有哪个席位',
    'seats.cmd.myRequests': '你的席位申请状态',
    'seats.cmd.pending': '等待决定的席位申请',
    'seats.cmd.approvalsHere': '在此频道中发布席位审批请求',

    'seats.unknownPool': '找不到该 Visual Studio 订阅池。',
    'seats.unknownRequest': '找不到该席位申请。',
    'seats.unknownAssignment': '该席位已不再分配给任何人，没有做任何更改。',
    'seats.personNotInDirectory': '此人不在你组织的目录中，没有做任何更改。请先输入 **人员** 添加此人。',
    'seats.alreadyHasSeat': '{name} 已拥有此池的第 {seat} 号席位。',
    'seats.youHaveSeat': '你已经拥有 {pool} 席位。',
    'seats.poolFull': '{pool} 的席位已全部分配。必须先释放一个席位才能批准。',
    'seats.poolFullReserved':
      '目前无法分配 {pool} 的席位：其他席位均已分配，而提前释放的席位在满 90 天前保留。下一个席位将于 {date} 空出。',
    'seats.reassignTooEarly': '席位分配满 {days} 天后才能转给他人。此席位从 {date} 起可以重新分配。',
    'seats.duplicateRequest': '你已有一个等待决定的 {pool} 申请。有结果时我会告诉你。',
    'seats.noPools': '你的组织还没有 Visual Studio 订阅。',
    'seats.channelOnly': '此操作需在团队频道中进行：请在频道中 @我 并发送。',

    'seats.ask.pool': '你需要哪种 Visual Studio 订阅？',
    'seats.ask.assignPool': '要从哪种 Visual Studio 订阅中分配席位？',
    'seats.ask.poolFullNamed':
      '{pool} 的席位目前已全部分配或预留，暂时无法分配。发送 **席位** 可查看各席位池以及预留席位何时释放。',
    'seats.ask.justification': '请用一句话说明用途（将发送给审批人）。',
    'seats.ask.noFreeSeatYet': '{pool} 的席位目前已全部分配。你仍可以申请：申请会等到有席位释放。',
    'seats.ask.justificationTooLong': '请控制在 500 个字符以内。',
    'seats.ask.justificationRetry':
      '请用一句话（500 个字符以内）说明你需要这个席位做什么。输入 **取消** 可结束。',
    'seats.ask.person': '要把席位分配给谁？',
    'seats.ask.filter': '请输入此人姓名的一部分。',
    'seats.ask.noMatch': '目录中没有与“{text}”匹配的人。请换一部分姓名再试。',
    'seats.ask.confirmAssign': '确定将一个 {pool} 席位分配给 {name} 吗？',
    'seats.ask.unknownPerson': '目录中没有名为“{text}”的人，所以我来问你。',
    'seats.ask.alreadyHolds': '{name} 已经有一个 {pool} 席位。',
    'seats.choice.pool': '{pool}（已用 {used}/{total}）',
    'seats.choice.yes': '是',
    'seats.choice.no': '否',
    'seats.assign.cancelled': '好的，没有分配任何席位。',
    'seats.assign.done':
      '完成：{name} 获得了 {pool} 的第 {seat} 号席位（现已使用 {used}/{total}）。对方可在 https://my.visualstudio.com 管理其订阅。',

    'seats.requested': '你的 {pool} 席位申请已发送给审批人。有结果时我会在这里告诉你。',
    'seats.requestedNoFreeSeat':
      '你的申请已记录，但 {pool} 席位目前已全部分配；需要管理员先释放一个席位才能批准。',
    'seats.requestedNoApprover':
      '你的申请已记录。你的全局管理员都还没有安装此机器人，他们在查看待审批申请时会看到它。',
    'seats.told.approved':
      '好消息：你的 {pool} 申请已由 {by} 批准。第 {seat} 号席位归你了：请在 https://my.visualstudio.com 管理你的订阅。',
    'seats.told.rejected': '你的 {pool} 申请被 {by} 拒绝。原因：{reason}',
    'seats.told.assigned':
      '{by} 为你分配了 {pool} 的第 {seat} 号席位。请在 https://my.visualstudio.com 管理你的订阅。',

    'seats.card.title': 'Visual Studio 席位申请',
    'seats.card.requester': '申请人',
    'seats.card.subscription': '订阅',
    'seats.card.justification': '用途',
    'seats.card.requestedOn': '申请时间',
    'seats.card.poolUsage': '席位',
    'seats.card.usage': '已用 {used}/{total}',
    'seats.card.noFreeSeat': '没有空闲席位：需先释放一个席位才能批准。',
    'seats.card.status': '状态',
    'seats.status.pending': '等待审批',
    'seats.status.approving': '正在审批…',
    'seats.status.approved': '已由 {by} 于 {at} 批准（第 {seat} 号席位）',
    'seats.status.rejected': '已由 {by} 于 {at} 拒绝：{reason}',
    'seats.button.approve': '批准',
    'seats.button.reject': '拒绝',
    'seats.button.confirmReject': '拒绝申请',
    'seats.button.review': '审阅',
    'seats.reasonLabel': '原因（申请人可以看到）',
    'seats.reasonRequired': '请填写拒绝原因（最多 500 个字符）。',

    'seats.pools.title': 'Visual Studio 订阅',
    'seats.pools.seat': '第 {seat} 号席位',
    'seats.pools.since': '自 {date} 起',
    'seats.pools.reassignFrom': '{date} 起可重新分配',
    'seats.pools.free': '空闲 {free} 个',
    'seats.pools.reservedCount': '保留 {count} 个',
    'seats.pools.withdrawn': '已收回：所属权益套餐“{package}”已于 {date} 取消',
    'seats.pools.reserved': '保留中（{date} 从 {name} 处释放）',
    'seats.pools.reservedUntil': '保留至满 90 天：自 {date} 起可分配给他人',
    'seats.button.release': '释放第 {seat} 号席位',
    'seats.button.reassign': '重新分配第 {seat} 号席位',
    'seats.button.confirmReassign': '重新分配',

    'seats.list.pendingTitle': '等待决定的席位申请',
    'seats.list.mineTitle': '你的席位申请',
    'seats.list.none': '暂无内容。',
    'seats.list.row': '{requester} · {pool} · {date}',
    'seats.digest.title': '{count} 个席位申请等待决定',
    'seats.digest.none': '没有等待决定的席位申请。',
    'seats.digest.more': '另有 {count} 个申请在等待：发送“待审批”查看全部。',

    'seats.approvalsHere': '今后席位申请将发布到此频道等待审批。',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof seats> {}
}
