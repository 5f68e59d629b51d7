import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Enrolment of the organisation (dialogs/enroll.ts) and the demo-only review completion. */
export const enroll = defineMessages(
  {
    'enroll.cmd.enroll': 'enrol your organisation in the partner network, or carry on where you left off',
    'enroll.personalOnly':
      'Let’s enrol in a one-to-one chat with me: I will ask for company details and a confirmation code that should not be shown to a whole channel.',
    'enroll.alreadyActive':
      'Your organisation already has an active partner-network membership. One Azure AD tenant belongs to exactly one partner account, so it cannot enrol a second time. Type **membership** to see, renew or upgrade it.',
    'enroll.alreadySubmitted':
      'Your enrolment is complete on your side and is under review. Type **membership** to follow its status.',
    'enroll.notStarted': 'The enrolment has not been started yet. Type **enroll** to begin.',
    'enroll.status.draft': 'Type **enroll** to finish the earlier enrolment steps first.',
    'enroll.status.awaitingEmailConfirmation':
      'The primary contact’s e-mail address still has to be confirmed.',
    'enroll.status.underReview':
      'The enrolment was submitted and is under review, so it can no longer be changed here.',
    'enroll.status.active': 'The membership is already active, so the enrolment can no longer be changed.',
    'enroll.details.missing': 'The company and contact details are missing: please fill them in first.',
    'enroll.submit.incomplete': 'Some enrolment steps are not done yet, so it cannot be sent for review.',
    'enroll.resumed': 'Welcome back: let’s carry on with the enrolment where you stopped.',
    'enroll.useCard':
      'Please answer with the card above, or type **cancel** to stop (you can carry on later).',

    'enroll.details.title': 'Enrol {tenant} in the partner network',
    'enroll.details.intro':
      'I will create your organisation’s partner account with you. It takes a few minutes; type **cancel** at any time and come back later with **enroll** — I keep what you have entered.',
    'enroll.details.tenant': 'Azure AD tenant',
    'enroll.details.organisation': 'Organisation in Teams',
    'enroll.details.signedInAs': 'Enrolling as',
    'enroll.details.signedInAsValue': '{name} (Global admin)',
    'enroll.details.company': 'Company (legal details)',
    'enroll.details.contact': 'Primary contact',
    'enroll.details.contactHint':
      'The person we contact about the application. They will receive a code to confirm that the address belongs to your organisation.',
    'enroll.field.legalName': 'Legal company name',
    'enroll.field.street': 'Street address',
    'enroll.field.city': 'City',
    'enroll.field.region': 'State, province or region (optional)',
    'enroll.field.postalCode': 'Postal code',
    'enroll.field.country': 'Country or region',
    'enroll.field.contactName': 'Contact name',
    'enroll.field.contactEmail': 'Business e-mail',
    'enroll.details.problems': 'Please check these fields:',
    'enroll.details.badEmail': 'The business e-mail must be a valid address, such as name@yourcompany.com.',
    'enroll.details.continue': 'Continue',
    'enroll.details.saved': 'Thanks, I saved the company and contact details.',

    'enroll.freeMail.title': 'Is that a business address?',
    'enroll.freeMail.text':
      '{email} belongs to a free personal mail service. The primary contact should use an address on your organisation’s own domain, which is what proves the person works there. Use it anyway?',
    'enroll.freeMail.change': 'Change the address',
    'enroll.freeMail.keep': 'Use it anyway',

    'enroll.code.title': 'Confirm the primary contact’s e-mail',
    'enroll.code.sent':
      'I sent a 6-digit code to {email}. Ask {name} for it and type it here. It works for {minutes} minutes and allows {attempts} attempts.',
    'enroll.code.waiting': 'A code was sent to {email}; it works until {time}.',
    'enroll.code.noneWaiting': 'No code is waiting for {email}. Press **Send a new code** to get one.',
    'enroll.code.local':
      'Local mode: no e-mail is sent. The code for {email} is **{code}** (in production it goes only to that address).',
    'enroll.code.label': 'Confirmation code',
    'enroll.code.placeholder': '6 digits',
    'enroll.code.confirm': 'Confirm',
    'enroll.code.resend': 'Send a new code',
    'enroll.code.edit': 'Change details',
    'enroll.code.wrong': 'That code is not right. {left} attempt(s) left.',
    'enroll.code.expired': 'That code has expired. Press **Send a new code** to get another one.',
    'enroll.code.tooManyAttempts':
      'Too many wrong attempts: this code no longer works. Press **Send a new code** to get another one.',
    'enroll.code.none': 'There is no valid code for this address yet. Press **Send a new code**.',
    'enroll.code.tooManyCodes':
      'I have already sent {max} codes in the last 24 hours. Please try again tomorrow.',
    'enroll.code.format': 'A confirmation code is 6 digits, for example 123456.',
    'enroll.code.confirmed': 'Thanks, {email} is confirmed.',

    'enroll.agreement.title': 'Partner-network agreement (version {version})',
    'enroll.agreement.intro':
      'Before the application goes for review, {company} has to accept the agreement. In short:',
    'enroll.agreement.term1': 'Benefits are for the organisation’s own internal use, by named employees.',
    'enroll.agreement.term2':
      'The organisation keeps its company profile and contacts accurate and up to date.',
    'enroll.agreement.term3': 'The membership runs for a year at a time and has to be renewed to continue.',
    'enroll.agreement.term4': 'Misusing benefits or misstating the organisation can end the membership.',
    'enroll.agreement.authority':
      'I confirm I am authorised to sign legal agreements on behalf of {company}.',
    'enroll.agreement.accept': 'I accept the partner-network agreement, version {version}.',
    'enroll.agreement.acceptButton': 'Accept and continue',
    'enroll.agreement.declineButton': 'Decline',
    'enroll.agreement.bothNeeded':
      'To continue, tick both boxes: authority to sign, and acceptance of the agreement.',
    'enroll.agreement.declined':
      'Understood. Without the agreement the enrolment cannot go on. Your details are kept: type **enroll** whenever you are ready to continue.',
    'enroll.agreement.accepted': 'Agreement {version} accepted by {name}.',

    'enroll.adminAgent.title': 'Admin agent group',
    'enroll.adminAgent.text':
      'To finish setting up the partner account (for example to add people to it) you need to be in the Admin agent group, and you are not in it yet. Shall I add you?',
    'enroll.adminAgent.add': 'Add me',
    'enroll.adminAgent.skip': 'Not now',
    'enroll.adminAgent.already': 'You are already in the Admin agent group.',
    'enroll.adminAgent.added': 'Done: you are now in the Admin agent group.',
    'enroll.adminAgent.skipped':
      'OK, I did not add you. A User management admin or Global admin can add you to the Admin agent group later.',

    'enroll.submitted':
      'Thank you! The enrolment of {company} has been sent for review. Its status is on the membership card below; type **membership** any time to see it again.',

    'enroll.approve.localOnly': 'Completing a review by hand is only possible in the local demo.',
    'enroll.approve.notUnderReview': 'Only an enrolment that is under review can be marked as reviewed.',
  },
  {
    'enroll.cmd.enroll': '为组织注册合作伙伴网络，或从上次中断处继续',
    'enroll.personalOnly':
      '请在与我的一对一聊天中注册：我会询问公司信息和一个确认码，这些内容不宜显示在整个频道中。',
    'enroll.alreadyActive':
      '你的组织已有有效的合作伙伴网络成员身份。一个 Azure AD 租户只对应一个合作伙伴帐户，因此不能再次注册。输入 **成员身份** 可查看、续订或升级。',
    'enroll.alreadySubmitted': '你这边的注册步骤已全部完成，目前正在审核中。输入 **成员身份** 可查看进度。',
    'enroll.notStarted': '尚未开始注册。输入 **注册** 开始。',
    'enroll.status.draft': '请先输入 **注册** 完成前面的注册步骤。',
    'enroll.status.awaitingEmailConfirmation': '主要联系人的电子邮件地址尚待确认。',
    'enroll.status.underReview': '注册已提交并正在审核，此处无法再修改。',
    'enroll.status.active': '成员身份已生效，注册信息无法再修改。',
    'enroll.details.missing': '缺少公司和联系人信息，请先填写。',
    'enroll.submit.incomplete': '还有注册步骤未完成，暂时无法提交审核。',
    'enroll.resumed': '欢迎回来：我们从上次停下的地方继续注册。',
    'enroll.useCard': '请使用上方的卡片作答，或输入 **取消** 停止（之后可以继续）。',

    'enroll.details.title': '为 {tenant} 注册合作伙伴网络',
    'enroll.details.intro':
      '我将和你一起创建组织的合作伙伴帐户，只需几分钟。你可以随时输入 **取消**，之后输入 **注册** 回来继续——已填写的内容会保留。',
    'enroll.details.tenant': 'Azure AD 租户',
    'enroll.details.organisation': 'Teams 中的组织',
    'enroll.details.signedInAs': '注册人',
    'enroll.details.signedInAsValue': '{name}（全局管理员）',
    'enroll.details.company': '公司（法定信息）',
    'enroll.details.contact': '主要联系人',
    'enroll.details.contactHint':
      '我们就申请事宜联系的人。此人会收到一个确认码，用于证明该地址属于你的组织。',
    'enroll.field.legalName': '法定公司名称',
    'enroll.field.street': '街道地址',
    'enroll.field.city': '城市',
    'enroll.field.region': '省/州/地区（可选）',
    'enroll.field.postalCode': '邮政编码',
    'enroll.field.country': '国家或地区',
    'enroll.field.contactName': '联系人姓名',
    'enroll.field.contactEmail': '企业电子邮件',
    'enroll.details.problems': '请检查以下字段：',
    'enroll.details.badEmail': '企业电子邮件必须是有效地址，例如 name@yourcompany.com。',
    'enroll.details.continue': '继续',
    'enroll.details.saved': '谢谢，公司和联系人信息已保存。',

    'enroll.freeMail.title': '这是企业邮箱吗？',
    'enroll.freeMail.text':
      '{email} 属于免费的个人邮箱服务。主要联系人应使用你组织自有域名的地址，这样才能证明此人在你的组织工作。仍要使用该地址吗？',
    'enroll.freeMail.change': '更改地址',
    'enroll.freeMail.keep': '仍然使用',

    'enroll.code.title': '确认主要联系人的电子邮件',
    'enroll.code.sent':
      '我已向 {email} 发送了 6 位确认码。请向 {name} 索取并在此输入。确认码 {minutes} 分钟内有效，最多可尝试 {attempts} 次。',
    'enroll.code.waiting': '确认码已发送至 {email}，有效期至 {time}。',
    'enroll.code.noneWaiting': '{email} 目前没有待用的确认码。请点击 **重新发送确认码** 获取。',
    'enroll.code.local':
      '本地模式：不会发送电子邮件。{email} 的确认码是 **{code}**（在生产环境中只会发送到该地址）。',
    'enroll.code.label': '确认码',
    'enroll.code.placeholder': '6 位数字',
    'enroll.code.confirm': '确认',
    'enroll.code.resend': '重新发送确认码',
    'enroll.code.edit': '修改信息',
    'enroll.code.wrong': '确认码不正确，还可以尝试 {left} 次。',
    'enroll.code.expired': '确认码已过期。请点击 **重新发送确认码** 获取新的确认码。',
    'enroll.code.tooManyAttempts': '错误次数过多，此确认码已失效。请点击 **重新发送确认码** 获取新的确认码。',
    'enroll.code.none': '该地址还没有有效的确认码。请点击 **重新发送确认码**。',
    'enroll.code.tooManyCodes': '过去 24 小时内我已发送了 {max} 个确认码，请明天再试。',
    'enroll.code.format': '确认码是 6 位数字，例如 123456。',
    'enroll.code.confirmed': '谢谢，{email} 已确认。',

    'enroll.agreement.title': '合作伙伴网络协议（版本 {version}）',
    'enroll.agreement.intro': '在申请进入审核之前，{company} 需要接受该协议。要点如下：',
    'enroll.agreement.term1': '权益仅供组织内部由指定员工使用。',
    'enroll.agreement.term2': '组织须保持公司资料和联系人信息准确、及时更新。',
    'enroll.agreement.term3': '成员身份每次有效期一年，须续订才能继续。',
    'enroll.agreement.term4': '滥用权益或虚报组织信息可能导致成员身份终止。',
    'enroll.agreement.authority': '我确认我有权代表 {company} 签署法律协议。',
    'enroll.agreement.accept': '我接受合作伙伴网络协议（版本 {version}）。',
    'enroll.agreement.acceptButton': '接受并继续',
    'enroll.agreement.declineButton': '拒绝',
    'enroll.agreement.bothNeeded': '要继续，请勾选两项：签署授权，以及接受协议。',
    'enroll.agreement.declined':
      '明白了。没有接受协议，注册无法继续。你的信息会保留：准备好后输入 **注册** 即可继续。',
    'enroll.agreement.accepted': '{name} 已接受协议（版本 {version}）。',

    'enroll.adminAgent.title': '管理员代理组',
    'enroll.adminAgent.text':
      '要完成合作伙伴帐户的设置（例如向其中添加人员），你需要加入管理员代理组，而你目前还不在该组中。要我把你加进去吗？',
    'enroll.adminAgent.add': '添加我',
    'enroll.adminAgent.skip': '暂不',
    'enroll.adminAgent.already': '你已在管理员代理组中。',
    'enroll.adminAgent.added': '已完成：你现在已在管理员代理组中。',
    'enroll.adminAgent.skipped':
      '好的，我没有添加你。“用户管理”管理员或“全局管理员”之后可以把你加入“管理员代理”组。',

    'enroll.submitted':
      '谢谢！{company} 的注册已提交审核。下方的成员身份卡片会显示状态；随时输入 **成员身份** 可再次查看。',

    'enroll.approve.localOnly': '只有在本地演示中才能手动完成审核。',
    'enroll.approve.notUnderReview': '只有正在审核的注册才能标记为审核完成。',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof enroll> {}
}
