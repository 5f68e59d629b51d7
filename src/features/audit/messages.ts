import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** The audit view: the latest events, filtered and paged. */
export const audit = defineMessages(
  {
    'audit.cmd.audit': 'the latest audit events: who did what, when, and how it ended',
    'audit.title': 'Audit log',
    'audit.subtitle': '{tenant} · events {from}–{to}, newest first',
    'audit.subtitleEmpty': '{tenant}',
    'audit.empty': 'No events match.',
    'audit.person': 'Person',
    'audit.anyone': 'Anyone',
    'audit.action': 'Action',
    'audit.anyAction': 'Any action',
    'audit.filter': 'Filter',
    'audit.newer': 'Newer',
    'audit.older': 'Older',
    'audit.line': '{time} · {who}',
    'audit.unknownPerson': 'someone no longer in the directory',
    'audit.outcome.success': 'done',
    'audit.outcome.denied': 'denied',
    'audit.outcome.rejected': 'refused',
    'audit.outcome.failed': 'failed',
    'audit.detail.key': '{product} · {language} · {os}',
  },
  {
    'audit.cmd.audit': '最新的审计记录：谁在何时做了什么，结果如何',
    'audit.title': '审计记录',
    'audit.subtitle': '{tenant} · 第 {from}–{to} 条，最新在前',
    'audit.subtitleEmpty': '{tenant}',
    'audit.empty': '没有符合条件的记录。',
    'audit.person': '人员',
    'audit.anyone': '任何人',
    'audit.action': '操作',
    'audit.anyAction': '任何操作',
    'audit.filter': '筛选',
    'audit.newer': '较新',
    'audit.older': '较早',
    'audit.line': '{time} · {who}',
    'audit.unknownPerson': '已不在目录中的人员',
    'audit.outcome.success': '完成',
    'audit.outcome.denied': '被拒绝（权限）',
    'audit.outcome.rejected': '未执行（规则）',
    'audit.outcome.failed': '失败',
    'audit.detail.key': '{product} · {language} · {os}',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof audit> {}
}
