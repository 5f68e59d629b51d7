import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Go-To-Market offers and the company marketing contact. */
export const gtm = defineMessages(
  {
    'gtm.cmd.offers': 'Go-To-Market offers, their status and expiry',
    'gtm.cmd.contact': 'set or change the company marketing contact',

    'gtm.title': 'Go-To-Market offers',
    'gtm.subtitle': '{tenant} · {tier}',
    'gtm.contact.label': 'Marketing contact',
    'gtm.contact.name': 'Name',
    'gtm.contact.email': 'Email',
    'gtm.contact.phone': 'Phone',
    'gtm.contact.language': 'Preferred language',
    'gtm.contact.none':
      'No marketing contact yet. Set one before activating any offer: the contact receives the instructions for using it.',
    'gtm.contact.set': 'Set marketing contact',
    'gtm.contact.change': 'Change marketing contact',
    'gtm.col.offer': 'Offer',
    'gtm.col.status': 'Status',
    'gtm.col.expires': 'Expires',
    'gtm.status.notActivated': 'Not activated',
    'gtm.status.pending': 'Pending',
    'gtm.status.active': 'Active',
    'gtm.status.expired': 'Expired',
    'gtm.expires.activateBy': 'activate by {date}',
    'gtm.expires.none': '—',
    'gtm.note.pending': 'Requested on {date}; should be active by {completes}.',
    'gtm.note.completeLocal':
      'Local demo only: Complete makes the offer active now, without waiting for the processing. In Teams it completes by itself.',
    'gtm.note.active': 'Active since {date}.',
    'gtm.note.ineligible': 'Not available at your level ({tier}); it comes with {tiers}.',
    'gtm.note.ineligibleNoTier': 'Not available yet; it comes with {tiers}.',
    'gtm.note.competency': 'Needs a Silver or Gold competency in one of: {areas}.',
    'gtm.note.unknownOffer': 'This offer is not in the programme catalogue, so it cannot be activated here.',
    'gtm.note.lastDayPassed': 'The last day to activate it was {date}.',
    'gtm.empty': 'Your organisation holds no Go-To-Market offers.',
    'gtm.footer':
      'Activation takes about {days} days; then the offer runs until the date in the Expires column. Global admins and MPN partner admins can activate offers.',
    'gtm.button.activate': 'Activate {offer}',
    'gtm.button.complete': 'Complete {offer}',
    'gtm.button.refresh': 'Refresh',

    'gtm.notice.requested':
      '{name}: activation requested. It takes about {days} days; the instructions will go to {contact}.',
    'gtm.notice.alreadyPending': '{name} is already being activated (requested on {date}).',
    'gtm.notice.alreadyActive': '{name} is already active, until {date}.',
    'gtm.notice.completed': '{name} is now active, until {date}.',
    'gtm.notice.contactSaved': 'Marketing contact saved: {name}.',

    'gtm.notFound': 'That Go-To-Market offer no longer exists, so nothing was changed.',
    'gtm.activate.needsContact':
      'Set the company marketing contact before activating {name} (type “marketing contact”). Nothing was changed.',
    'gtm.activate.ineligible':
      '{name} cannot be activated at your organisation’s level; it comes with {tiers}. Nothing was changed.',
    'gtm.activate.needsCompetency':
      '{name} needs a Silver or Gold competency in one of: {areas}. Nothing was changed.',
    'gtm.activate.unknownOffer':
      '{name} is not in the programme catalogue, so it cannot be activated here. Nothing was changed.',
    'gtm.activate.expired':
      'The last day to activate {name} was {date}, so it can no longer be activated. Nothing was changed.',

    'gtm.form.title': 'Company marketing contact',
    'gtm.form.intro':
      'This person receives the instructions for your Go-To-Market offers. Give an email address other than the partner account’s ({accountEmail}).',
    'gtm.form.introNoAccount':
      'This person receives the instructions for your Go-To-Market offers. Give an email address other than the partner account’s.',
    'gtm.form.current': 'Current contact: {name}.',
    'gtm.form.problems': 'Please fix the following, then save again:',
    'gtm.form.person': 'Person from your directory',
    'gtm.form.personPlaceholder': 'Choose a person',
    'gtm.form.email': 'Email address for marketing',
    'gtm.form.emailPlaceholder': 'name@your-company.com',
    'gtm.form.phone': 'Phone number, international format',
    'gtm.form.phonePlaceholder': '+86 21 5555 0100',
    'gtm.form.language': 'Preferred language',
    'gtm.form.languagePlaceholder': 'Choose a language',
    'gtm.form.save': 'Save contact',
    'gtm.form.cancel': 'Cancel',
    'gtm.form.fillIn': 'Please fill in the form above and press **Save contact**, or type **cancel**.',
    'gtm.form.moreMembers': 'Showing the first {count} people of your directory.',

    'gtm.contact.personMissing': 'Choose a person from your directory.',
    'gtm.contact.personNotInDirectory': 'That person is not in your organisation’s directory.',
    'gtm.contact.emailMissing': 'Enter an email address.',
    'gtm.contact.emailInvalid': 'That email address does not look valid.',
    'gtm.contact.emailSameAsAccount':
      'Use an email address other than the partner account’s ({email}): marketing mail goes to a person, not to the account.',
    'gtm.contact.phoneMissing': 'Enter a phone number.',
    'gtm.contact.phoneInvalid':
      'Enter the phone number in international format: + country code and number, for example +86 21 5555 0100.',
    'gtm.contact.languageMissing': 'Choose a preferred language.',
    'gtm.contact.languageUnknown': 'Choose a language from the list.',
  },
  {
    'gtm.cmd.offers': '市场推广套餐及其状态和到期日',
    'gtm.cmd.contact': '设置或更改公司营销联系人',

    'gtm.title': '市场推广套餐',
    'gtm.subtitle': '{tenant} · {tier}',
    'gtm.contact.label': '营销联系人',
    'gtm.contact.name': '姓名',
    'gtm.contact.email': '电子邮件',
    'gtm.contact.phone': '电话',
    'gtm.contact.language': '首选语言',
    'gtm.contact.none': '尚未设置营销联系人。激活任何优惠前请先设置：使用说明会发送给该联系人。',
    'gtm.contact.set': '设置营销联系人',
    'gtm.contact.change': '更改营销联系人',
    'gtm.col.offer': '优惠',
    'gtm.col.status': '状态',
    'gtm.col.expires': '到期',
    'gtm.status.notActivated': '未激活',
    'gtm.status.pending': '处理中',
    'gtm.status.active': '有效',
    'gtm.status.expired': '已过期',
    'gtm.expires.activateBy': '请在 {date} 前激活',
    'gtm.expires.none': '—',
    'gtm.note.pending': '已于 {date} 申请；预计 {completes} 前生效。',
    'gtm.note.completeLocal':
      '仅限本地演示：点“完成”会让优惠立即生效，无需等待处理。在 Teams 中处理结束后会自动完成。',
    'gtm.note.active': '自 {date} 起有效。',
    'gtm.note.ineligible': '你当前的级别（{tier}）不含此优惠；{tiers} 才包含。',
    'gtm.note.ineligibleNoTier': '暂不可用；{tiers} 才包含此优惠。',
    'gtm.note.competency': '需要以下任一领域的银牌或金牌能力：{areas}。',
    'gtm.note.unknownOffer': '此优惠不在计划目录中，无法在这里激活。',
    'gtm.note.lastDayPassed': '最后激活日期为 {date}，已过。',
    'gtm.empty': '你的组织目前没有市场推广套餐。',
    'gtm.footer':
      '激活约需 {days} 天，之后优惠有效至“到期”列中的日期。全局管理员和 MPN 合作伙伴管理员可以激活优惠。',
    'gtm.button.activate': '激活 {offer}',
    'gtm.button.complete': '完成 {offer}',
    'gtm.button.refresh': '刷新',

    'gtm.notice.requested': '{name}：已申请激活。约需 {days} 天，使用说明将发送给 {contact}。',
    'gtm.notice.alreadyPending': '{name} 已在激活中（{date} 申请）。',
    'gtm.notice.alreadyActive': '{name} 已经有效，有效期至 {date}。',
    'gtm.notice.completed': '{name} 现已生效，有效期至 {date}。',
    'gtm.notice.contactSaved': '营销联系人已保存：{name}。',

    'gtm.notFound': '该市场推广套餐已不存在，没有做任何更改。',
    'gtm.activate.needsContact':
      '激活 {name} 前，请先设置公司营销联系人（输入“营销联系人”）。没有做任何更改。',
    'gtm.activate.ineligible': '按你组织当前的级别无法激活 {name}；{tiers} 才包含。没有做任何更改。',
    'gtm.activate.needsCompetency': '{name} 需要以下任一领域的银牌或金牌能力：{areas}。没有做任何更改。',
    'gtm.activate.unknownOffer': '{name} 不在计划目录中，无法在这里激活。没有做任何更改。',
    'gtm.activate.expired': '{name} 的最后激活日期为 {date}，已无法激活。没有做任何更改。',

    'gtm.form.title': '公司营销联系人',
    'gtm.form.intro':
      '此人将收到你的市场推广套餐使用说明。请填写与合作伙伴帐户（{accountEmail}）不同的电子邮件地址。',
    'gtm.form.introNoAccount': '此人将收到你的市场推广套餐使用说明。请填写与合作伙伴帐户不同的电子邮件地址。',
    'gtm.form.current': '当前联系人：{name}。',
    'gtm.form.problems': '请修改以下问题后再保存：',
    'gtm.form.person': '目录中的人员',
    'gtm.form.personPlaceholder': '选择人员',
    'gtm.form.email': '用于营销的电子邮件地址',
    'gtm.form.emailPlaceholder': 'name@your-company.com',
    'gtm.form.phone': '电话号码（国际格式）',
    'gtm.form.phonePlaceholder': '+86 21 5555 0100',
    'gtm.form.language': '首选语言',
    'gtm.form.languagePlaceholder': '选择语言',
    'gtm.form.save': '保存联系人',
    'gtm.form.cancel': '取消',
    'gtm.form.fillIn': '请填写上面的表单并点击 **保存联系人**，或输入 **取消**。',
    'gtm.form.moreMembers': '仅显示目录中的前 {count} 人。',

    'gtm.contact.personMissing': '请从目录中选择一个人。',
    'gtm.contact.personNotInDirectory': '此人不在你组织的目录中。',
    'gtm.contact.emailMissing': '请输入电子邮件地址。',
    'gtm.contact.emailInvalid': '这个电子邮件地址看起来无效。',
    'gtm.contact.emailSameAsAccount':
      '请使用与合作伙伴帐户（{email}）不同的电子邮件地址：营销邮件应发给具体的人，而不是帐户。',
    'gtm.contact.phoneMissing': '请输入电话号码。',
    'gtm.contact.phoneInvalid': '请按国际格式输入电话号码：+ 国家/地区代码和号码，例如 +86 21 5555 0100。',
    'gtm.contact.languageMissing': '请选择首选语言。',
    'gtm.contact.languageUnknown': '请从列表中选择语言。',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof gtm> {}
}
