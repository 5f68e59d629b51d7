import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Technical support benefits: the benefits card, activation, and the "open a support request" guide. */
export const support = defineMessages(
  {
    'support.cmd.view': 'your technical support benefits and the IDs to quote',
    'support.cmd.activate': 'activate a technical support benefit',
    'support.cmd.request': 'find which support fits a problem and which IDs to quote',

    'support.title': 'Technical support benefits',
    'support.subtitle': '{tenant} · {tier}',
    'support.standing.noMembership':
      'Your organisation has no partner-network membership on record yet, so technical benefits cannot be used.',
    'support.standing.notActive':
      'Your membership is not active yet; technical benefits can be activated once it is.',
    'support.standing.noTier':
      'Your membership level includes no technical benefits; they come with {tiers}.',
    'support.status.notActivated': 'Not activated',
    'support.status.pending': 'Pending',
    'support.status.active': 'Active',
    'support.status.expired': 'Expired',
    'support.remaining.incidents': '{remaining} of {allowance} support incidents left',
    'support.remaining.hours': '{remaining} of {allowance} hours left',
    'support.allowance.unlimited': 'Unlimited at your level: not counted against any allowance',
    'support.allowance.deducted':
      'Not a separate allowance: hours used come out of your {from} ({remaining} of {allowance} hours left)',
    'support.requested': 'Activation requested on {date}; processing should be complete by {completes}.',
    'support.activeSince': 'Active since {date}.',
    'support.activateBy': 'Activate by {date}.',
    'support.lastDayPassed': 'The last day to activate it was {date}.',
    'support.accessId': 'Access ID',
    'support.contractId': 'Contract ID',
    'support.idsHint':
      'Quote both IDs when you file a support request about on-premises, Azure (non-CSP) or Dynamics products. Everyone in your organisation may use them.',
    'support.idsPending': 'The Access ID and Contract ID appear here once processing is complete.',
    'support.completeLocalNote':
      'Local demo only: Complete makes it active now, without waiting for the processing. In Teams it completes by itself.',
    'support.ineligible': 'Not available at your level ({tier}); it comes with {tiers}.',
    'support.ineligibleNoTier': 'Not available yet; it comes with {tiers}.',
    'support.notInCatalogue':
      'This benefit is not in the programme catalogue, so it cannot be activated here.',
    'support.lockedLabel': 'Not included at your level',
    'support.locked': '{name}: comes with {tiers}.',
    'support.empty': 'Your organisation holds no technical support benefits.',
    'support.footer':
      'Processing takes about {days} days after activation. Global admins and MPN partner admins can activate benefits.',
    'support.page': 'Page {page} of {pages}',
    'support.button.activate': 'Activate {name}',
    'support.button.complete': 'Complete {name}',
    'support.button.refresh': 'Refresh',
    'support.button.request': 'Open a support request',
    'support.button.next': 'Next page',
    'support.button.previous': 'Previous page',

    'support.notice.requested':
      '{name}: activation requested. Processing takes about {days} days; the Access ID and Contract ID will appear on this card.',
    'support.notice.alreadyPending': '{name} is already being activated (requested on {date}).',
    'support.notice.alreadyActive': '{name} is already active.',
    'support.notice.completed': '{name} is now active. Its Access ID and Contract ID are shown below.',

    'support.notFound': 'That technical benefit no longer exists, so nothing was changed.',
    'support.activate.ineligible':
      '{name} cannot be activated at your organisation’s level; it comes with {tiers}. Nothing was changed.',
    'support.activate.notInCatalogue':
      '{name} is not in the programme catalogue, so it cannot be activated here. Nothing was changed.',
    'support.activate.expired':
      'The last day to activate {name} was {date}, so it can no longer be activated. Nothing was changed.',
    'support.complete.localOnly':
      'Only the local demo lets you complete an activation by hand; otherwise it completes by itself after the processing time.',
    'support.complete.notPending': '{name} has no activation waiting to complete, so nothing was changed.',
    'support.request.unknownFamily': 'I don’t know that product family, so I cannot say which support fits.',

    'support.request.needPrompt':
      'What do you need help with? Choose “Something is broken” when something does not work or an error message appears, or “I need advice” for questions about presales or deployment.',
    'support.request.need.breakFix': 'Something is broken',
    'support.request.need.advisory': 'I need advice',
    'support.request.familyPrompt': 'Which products is it about?',
    'support.request.retry': 'Please choose one of the options (or type **cancel**).',

    'support.advice.title': 'Your support request',
    'support.advice.kindLabel': 'Kind of support',
    'support.advice.breakFix':
      'Break-fix technical support: for when something is broken or does not work as expected, for example when an error message appears.',
    'support.advice.advisory':
      'Presales and deployment services: for advice on technical sales or on deploying cloud and hybrid solutions.',
    'support.advice.benefitLabel': 'Benefit to use',
    'support.advice.productsLabel': 'Products',
    'support.advice.useIds': 'Quote these IDs in your request:',
    'support.advice.noIds':
      'Requests about these products need no Access ID or Contract ID. {name} is {status} for your organisation.',
    'support.advice.activateFirst':
      'Requests about these products need an Access ID and a Contract ID. You get them by activating {name} first.',
    'support.advice.pending':
      'Requests about these products need an Access ID and a Contract ID. {name} is being activated; the IDs should be ready by {date}.',
    'support.advice.pendingNoDate':
      'Requests about these products need an Access ID and a Contract ID. {name} is being activated; the IDs appear once it completes.',
    'support.advice.ineligible': 'Your organisation’s level does not include {name}; it comes with {tiers}.',
    'support.advice.standing': '{reason}',
    'support.advice.notHeld': '{name} fits this request, but your organisation’s packages do not include it.',
    'support.advice.whoActivates': 'A Global admin or an MPN partner admin can activate it.',
  },
  {
    'support.cmd.view': '你的技术支持权益及需提供的 ID',
    'support.cmd.activate': '激活技术支持权益',
    'support.cmd.request': '了解问题适合哪种支持、需要提供哪些 ID',

    'support.title': '技术支持权益',
    'support.subtitle': '{tenant} · {tier}',
    'support.standing.noMembership': '你的组织尚无合作伙伴网络会员记录，暂时无法使用技术权益。',
    'support.standing.notActive': '你的成员身份尚未生效；生效后才能激活技术权益。',
    'support.standing.noTier': '你当前的会员级别不含技术权益；{tiers} 才包含这些权益。',
    'support.status.notActivated': '未激活',
    'support.status.pending': '处理中',
    'support.status.active': '有效',
    'support.status.expired': '已过期',
    'support.remaining.incidents': '支持事件剩余 {remaining} 次（共 {allowance} 次）',
    'support.remaining.hours': '剩余 {remaining} 小时（共 {allowance} 小时）',
    'support.allowance.unlimited': '你的级别不限次数：不计入任何额度',
    'support.allowance.deducted':
      '不是单独的额度：使用的小时数从“{from}”中扣除（剩余 {remaining} 小时，共 {allowance} 小时）',
    'support.requested': '已于 {date} 申请激活；预计 {completes} 前处理完成。',
    'support.activeSince': '自 {date} 起有效。',
    'support.activateBy': '请在 {date} 前激活。',
    'support.lastDayPassed': '最后激活日期为 {date}，已过。',
    'support.accessId': '访问 ID',
    'support.contractId': '合同 ID',
    'support.idsHint':
      '就本地产品、Azure（非 CSP）或 Dynamics 产品提交支持请求时，请提供这两个 ID。组织内所有人都可以使用。',
    'support.idsPending': '处理完成后，访问 ID 和合同 ID 将显示在这里。',
    'support.completeLocalNote':
      '仅限本地演示：点“完成”会立即生效，无需等待处理。在 Teams 中处理结束后会自动完成。',
    'support.ineligible': '你当前的级别（{tier}）不含此权益；{tiers} 才包含。',
    'support.ineligibleNoTier': '暂不可用；{tiers} 才包含此权益。',
    'support.notInCatalogue': '此权益不在计划目录中，无法在这里激活。',
    'support.lockedLabel': '你当前级别不包含的权益',
    'support.locked': '{name}：{tiers} 才包含。',
    'support.empty': '你的组织目前没有技术支持权益。',
    'support.footer': '激活后约需 {days} 天处理。全局管理员和 MPN 合作伙伴管理员可以激活权益。',
    'support.page': '第 {page} 页，共 {pages} 页',
    'support.button.activate': '激活 {name}',
    'support.button.complete': '完成 {name}',
    'support.button.refresh': '刷新',
    'support.button.request': '提交支持请求',
    'support.button.next': '下一页',
    'support.button.previous': '上一页',

    'support.notice.requested':
      '{name}：已申请激活。处理约需 {days} 天，完成后访问 ID 和合同 ID 会显示在此卡片上。',
    'support.notice.alreadyPending': '{name} 已在激活中（{date} 申请）。',
    'support.notice.alreadyActive': '{name} 已经有效。',
    'support.notice.completed': '{name} 现已生效，访问 ID 和合同 ID 见下方。',

    'support.notFound': '该技术权益已不存在，没有做任何更改。',
    'support.activate.ineligible':
      '按你组织当前的级别无法激活 {name}；{tiers} 才包含此权益。没有做任何更改。',
    'support.activate.notInCatalogue': '{name} 不在计划目录中，无法在这里激活。没有做任何更改。',
    'support.activate.expired': '{name} 的最后激活日期为 {date}，已无法激活。没有做任何更改。',
    'support.complete.localOnly': '只有本地演示可以手动完成激活；其他情况下，处理时间结束后会自动完成。',
    'support.complete.notPending': '{name} 没有等待完成的激活，没有做任何更改。',
    'support.request.unknownFamily': '我不认识这个产品类别，无法判断适合哪种支持。',

    'support.request.needPrompt':
      '你需要哪方面的帮助？功能损坏或出现错误消息，请选“功能故障或报错”；售前或部署方面的问题，请选“需要咨询建议”。',
    'support.request.need.breakFix': '功能故障或报错',
    'support.request.need.advisory': '需要咨询建议',
    'support.request.familyPrompt': '涉及哪类产品？',
    'support.request.retry': '请选择其中一个选项（或输入 **取消**）。',

    'support.advice.title': '你的支持请求',
    'support.advice.kindLabel': '支持类型',
    'support.advice.breakFix': '故障修复技术支持：适用于功能损坏或运行不符合预期的情况，例如出现错误消息时。',
    'support.advice.advisory': '售前与部署服务：适用于技术销售或云和混合解决方案部署方面的咨询建议。',
    'support.advice.benefitLabel': '使用的权益',
    'support.advice.productsLabel': '产品',
    'support.advice.useIds': '请在请求中提供以下 ID：',
    'support.advice.noIds': '这类产品的请求不需要访问 ID 或合同 ID。{name} 对你的组织的状态：{status}。',
    'support.advice.activateFirst': '这类产品的请求需要访问 ID 和合同 ID，请先激活 {name} 以获取。',
    'support.advice.pending':
      '这类产品的请求需要访问 ID 和合同 ID。{name} 正在激活中，预计 {date} 前可以拿到 ID。',
    'support.advice.pendingNoDate':
      '这类产品的请求需要访问 ID 和合同 ID。{name} 正在激活中，完成后即可看到 ID。',
    'support.advice.ineligible': '你组织当前的级别不包含 {name}；{tiers} 才包含。',
    'support.advice.standing': '{reason}',
    'support.advice.notHeld': '{name} 适合此请求，但你组织的权益套餐中不包含它。',
    'support.advice.whoActivates': '全局管理员或 MPN 合作伙伴管理员可以激活它。',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof support> {}
}
