import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Answers to questions about the rules ("how long before I can reassign a seat?"). */
export const faq = defineMessages(
  {
    'faq.question.reassignSeat': 'When can a Visual Studio seat be reassigned?',
    'faq.question.cancelPackage': 'Until when can a package be cancelled?',
    'faq.question.redeemOnce': 'How does redeeming a licence key work?',
    'faq.question.azureCredit': 'What are the rules for Azure credit?',
    'faq.question.activationTime': 'How long does activation take?',
    'faq.question.whichRole': 'Which role do I need?',
    'faq.question.supportKind': 'Which kind of support should I use?',

    'faq.answer.reassignSeat':
      'A seat can move to someone else once **{days} days** have passed since it was first assigned. Until then it stays with its holder; the seat list shows from which day each seat can be reassigned.',
    'faq.answer.cancelPackage':
      'A package can be cancelled for a refund within **{days} days** of purchase, and only while none of its benefits has been activated or redeemed and none of its product keys has been viewed (viewing a key counts, even if it was never used).',
    'faq.answer.redeemOnce':
      'A licence key can be redeemed **once**; it can never be used a second time. Before redeeming you choose to add seats or to extend the end date, and you see the resulting end date before you confirm.',
    'faq.answer.redeemTerm':
      'Each seat of a key brings {months} months, blended with the seats you already have. A key for more than {ratio} times your active seats is refused: it would go past the {maxMonths}-month maximum.',
    'faq.answer.creditMonthly':
      'Monthly credit: people of your organisation, guests included, can be added or removed at any time.',
    'faq.answer.creditBulk':
      'Bulk credit ({amounts} a year): nobody can be removed from it, but during the enrollment year it can be transferred to someone else. It can never be combined with other licensing, prepaid or credit offers.',
    'faq.answer.activationTime':
      'Technical benefits take **{supportDays} days** to process once activation is requested, Go-To-Market offers **{gtmDays} days**. Until then they show as pending; the Access ID and Contract ID appear when support is active.',
    'faq.answer.whichRoleHolders': 'In your organisation that is {names}.',
    'faq.answer.whichRoleNoHolders': 'Nobody in your organisation holds those roles yet.',
    'faq.answer.whichRole':
      'Every act is checked against your roles at the moment you do it. Who may do what:',
    'faq.answer.whichRoleEveryone': 'Anyone in your organisation may {action}.',
    'faq.answer.yourRoles': 'Your roles: {roles}.',
    'faq.answer.supportKind':
      'Use break-fix support when something is broken or shows an error, and advisory support for presales, design and deployment advice. What each kind includes, by level:',
    'faq.answer.supportIds':
      'Requests about {families} need the Access ID and Contract ID of your activated technical benefit.',
    'faq.supportType.breakFix': 'break-fix',
    'faq.supportType.advisory': 'advisory',
    'faq.support.allowance': '{tier}: {count} {unit}',
    'faq.support.unlimited': '{tier}: unlimited',
    'faq.support.deducted': '{tier}: uses the {from} (not a second allowance)',
    'faq.unit.incidents': 'incidents',
    'faq.unit.hours': 'hours',
    'faq.everyone': 'everyone',
    'faq.footer': 'These answers come from the same rules the bot enforces.',
  },
  {
    'faq.question.reassignSeat': 'Visual Studio 席位什么时候可以重新分配？',
    'faq.question.cancelPackage': '权益套餐在什么期限内可以取消？',
    'faq.question.redeemOnce': '兑换许可证密钥是怎么回事？',
    'faq.question.azureCredit': 'Azure 额度有哪些规则？',
    'faq.question.activationTime': '激活需要多长时间？',
    'faq.question.whichRole': '我需要什么角色？',
    'faq.question.supportKind': '我应该使用哪种支持？',

    'faq.answer.reassignSeat':
      '席位自首次分配起满 **{days} 天**后才能转给他人。在此之前席位仍归当前持有人；席位列表会显示每个席位从哪天起可以重新分配。',
    'faq.answer.cancelPackage':
      '权益套餐可在购买后 **{days} 天**内取消并退款，前提是其中没有任何权益被激活或兑换，也没有任何产品密钥被查看过（即使从未使用，查看密钥也算）。',
    'faq.answer.redeemOnce':
      '许可证密钥只能兑换**一次**，不能再次使用。兑换前你可以选择增加席位或延长结束日期，并会在确认前看到兑换后的结束日期。',
    'faq.answer.redeemTerm':
      '密钥中的每个席位带来 {months} 个月，并与现有席位合并计算。密钥席位数超过现有有效席位 {ratio} 倍的会被拒绝：那会超过 {maxMonths} 个月的上限。',
    'faq.answer.creditMonthly': '每月额度：组织中的人员（包括来宾）可以随时添加或移除。',
    'faq.answer.creditBulk':
      '批量额度（每年 {amounts}）：不能移除任何人，但在注册年度内可以转给其他人。它不能与其他许可、预付或额度优惠同时使用。',
    'faq.answer.activationTime':
      '技术权益在申请激活后需要 **{supportDays} 天**处理，市场推广套餐需要 **{gtmDays} 天**。在此期间状态为“处理中”；技术支持生效后会显示访问 ID 和合同 ID。',
    'faq.answer.whichRoleHolders': '在你的组织中，拥有这些角色的是 {names}。',
    'faq.answer.whichRoleNoHolders': '你的组织中目前没有人拥有这些角色。',
    'faq.answer.whichRole': '每项操作都会在你执行的那一刻按你的角色检查。谁可以做什么：',
    'faq.answer.whichRoleEveryone': '组织中的任何人都可以{action}。',
    'faq.answer.yourRoles': '你的角色：{roles}。',
    'faq.answer.supportKind':
      '出现故障或报错时使用故障修复支持；售前、设计和部署方面的建议使用咨询类支持。各类支持按级别包含：',
    'faq.answer.supportIds': '有关{families}的请求需要提供已激活技术权益的访问 ID 和合同 ID。',
    'faq.supportType.breakFix': '故障修复',
    'faq.supportType.advisory': '咨询',
    'faq.support.allowance': '{tier}：{count} {unit}',
    'faq.support.unlimited': '{tier}：不限',
    'faq.support.deducted': '{tier}：从“{from}”中扣除（不是另一份额度）',
    'faq.unit.incidents': '次事件',
    'faq.unit.hours': '小时',
    'faq.everyone': '所有人',
    'faq.footer': '这些回答与机器人执行的规则来自同一处。',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof faq> {}
}
