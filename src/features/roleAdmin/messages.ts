import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Who holds which role; granting and revoking roles. */
export const roleAdmin = defineMessages(
  {
    'roleAdmin.cmd.list': 'who holds which role; admins can grant and revoke roles',
    'roleAdmin.title': 'Roles in {tenant}',
    'roleAdmin.nobody': 'nobody yet',
    'roleAdmin.employees': 'Employees without an admin role: {count}',
    'roleAdmin.manage': 'Change a role',
    'roleAdmin.person': 'Person',
    'roleAdmin.personPlaceholder': 'Choose a person',
    'roleAdmin.role': 'Role',
    'roleAdmin.rolePlaceholder': 'Choose a role',
    'roleAdmin.gaOnlyHint': 'Only a Global admin can grant or revoke the Global admin role.',
    'roleAdmin.peopleNote': 'The list shows the first {count} people of the directory.',
    'roleAdmin.grant': 'Grant',
    'roleAdmin.revoke': 'Revoke',
    'roleAdmin.refresh': 'Refresh',
    'roleAdmin.chooseFirst': 'Choose a person and a role first.',
    'roleAdmin.granted': '{name} now holds the {role} role.',
    'roleAdmin.revoked': '{name} no longer holds the {role} role.',
    'roleAdmin.told': '{name} was told in their chat with me.',
    'roleAdmin.notTold':
      'I have no chat with {name} yet, so I could not tell them myself: please let them know.',
    'roleAdmin.confirmGrantTitle': 'Make {name} a Global admin?',
    'roleAdmin.confirmGrantText':
      'A Global admin can do everything in the bot, including assigning benefits and managing other admins.',
    'roleAdmin.confirmRevokeTitle': 'Remove the Global admin role from {name}?',
    'roleAdmin.confirmRevokeText': '{name} will keep any other role they hold.',
    'roleAdmin.confirmRevokeSelf':
      'You are removing your own Global admin role: you will not be able to undo this yourself.',
    'roleAdmin.confirm': 'Confirm',
    'roleAdmin.back': 'Back',
    'roleAdmin.unknownPerson': 'That person is not in your organisation’s directory.',
    'roleAdmin.alreadyHolds': '{name} already holds the {role} role.',
    'roleAdmin.notHeld': '{name} does not hold the {role} role.',
    'roleAdmin.lastGlobalAdmin':
      '{name} is the last Global admin of your organisation, and an organisation always keeps at least one. Make someone else Global admin first.',
    'roleAdmin.youWereGranted':
      'In {tenant}, {actor} gave you the {role} role. Type **my roles** to see what you can do now.',
    'roleAdmin.youWereRevoked':
      'In {tenant}, {actor} removed your {role} role. Type **my roles** to see your roles.',
    'roleAdmin.updatedAt': 'As of {time}',
  },
  {
    'roleAdmin.cmd.list': '谁拥有哪些角色；管理员可以授予和撤销角色',
    'roleAdmin.title': '{tenant} 的角色',
    'roleAdmin.nobody': '暂无',
    'roleAdmin.employees': '没有管理员角色的员工：{count} 人',
    'roleAdmin.manage': '更改角色',
    'roleAdmin.person': '人员',
    'roleAdmin.personPlaceholder': '选择人员',
    'roleAdmin.role': '角色',
    'roleAdmin.rolePlaceholder': '选择角色',
    'roleAdmin.gaOnlyHint': '只有全局管理员才能授予或撤销全局管理员角色。',
    'roleAdmin.peopleNote': '列表显示目录中的前 {count} 人。',
    'roleAdmin.grant': '授予',
    'roleAdmin.revoke': '撤销',
    'roleAdmin.refresh': '刷新',
    'roleAdmin.chooseFirst': '请先选择人员和角色。',
    'roleAdmin.granted': '{name} 现在拥有“{role}”角色。',
    'roleAdmin.revoked': '{name} 不再拥有“{role}”角色。',
    'roleAdmin.told': '已在 {name} 与我的聊天中通知对方。',
    'roleAdmin.notTold': '我和 {name} 还没有聊天记录，无法亲自通知：请你告知对方。',
    'roleAdmin.confirmGrantTitle': '将 {name} 设为全局管理员？',
    'roleAdmin.confirmGrantText': '全局管理员可以在机器人中执行所有操作，包括分配权益和管理其他管理员。',
    'roleAdmin.confirmRevokeTitle': '撤销 {name} 的全局管理员角色？',
    'roleAdmin.confirmRevokeText': '{name} 拥有的其他角色将保留。',
    'roleAdmin.confirmRevokeSelf': '你正在撤销自己的全局管理员角色：你将无法自行恢复。',
    'roleAdmin.confirm': '确认',
    'roleAdmin.back': '返回',
    'roleAdmin.unknownPerson': '此人不在你组织的目录中。',
    'roleAdmin.alreadyHolds': '{name} 已拥有“{role}”角色。',
    'roleAdmin.notHeld': '{name} 没有“{role}”角色。',
    'roleAdmin.lastGlobalAdmin':
      '{name} 是你组织的最后一位全局管理员，而组织必须至少保留一位。请先将其他人设为全局管理员。',
    'roleAdmin.youWereGranted':
      '{actor} 在 {tenant} 中授予了你“{role}”角色。输入 **我的角色** 查看你现在可以做什么。',
    'roleAdmin.youWereRevoked':
      '{actor} 撤销了你在 {tenant} 中的“{role}”角色。输入 **我的角色** 查看你的角色。',
    'roleAdmin.updatedAt': '更新于 {time}',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof roleAdmin> {}
}
