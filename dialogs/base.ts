import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { getTurn, type Turn } from '../src/features/shared/turn';
import { normalize } from '../src/features/shared/text';

const CANCEL = ['cancel', 'stop', 'quit', 'exit', '取消', '退出', '停止'];
const HELP = ['help', '?', '帮助'];

export function isCancel(text: string | undefined): boolean {
  return text !== undefined && CANCEL.includes(normalize(text));
}

export function isHelp(text: string | undefined): boolean {
  return text !== undefined && HELP.includes(normalize(text));
}

/**
 * Base of every dialog: "cancel" / "取消" ends it at any step, "help" / "帮助" explains where
 * the user is and repeats the question. Dialogs read the acting person from the turn, never
 * from their own state (the person may have lost a role since the dialog started).
 */
export abstract class BaseDialog extends ComponentDialog {
  protected turn(dc: DialogContext): Turn {
    return getTurn(dc.context);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(inner);
    return interrupted ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = inner.context.activity;
    if (activity.type !== (ActivityTypes.Message as string) || typeof activity.text !== 'string')
      return undefined;
    const { tr } = this.turn(inner);
    if (isCancel(activity.text)) {
      await inner.context.sendActivity(tr.t('dialog.cancelled'));
      return inner.cancelAllDialogs(true);
    }
    if (isHelp(activity.text)) {
      await inner.context.sendActivity(tr.t('dialog.helpHint'));
      await inner.repromptDialog();
      return { status: 'waiting' as DialogTurnResult['status'] };
    }
    return undefined;
  }
}
