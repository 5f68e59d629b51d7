import {
  ChoicePrompt,
  ListStyle,
  WaterfallDialog,
  type Choice,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { sendCard } from '../src/features/shared/reply';
import { activationPermissions } from '../src/features/shared/activationViews';
import type { BotServices } from '../src/services';
import { type SupportNeed } from '../src/domain/support';
import { SUPPORT_CATALOGUE } from '../src/domain/supportCatalogue';
import { t, type MessageKey } from '../src/i18n';
import { supportAdviceView, supportCard, SUPPORT_PAGE_SIZE } from '../src/features/support/views';
import { activationCard } from '../src/features/shared/activationCard';
import { BaseDialog } from './base';
import { renderSupportAdvice } from '../src/features/support/views';

export const ACTIVATE_SUPPORT_DIALOG = 'activateSupport';
const WATERFALL = 'activateSupport.waterfall';
const NEED_PROMPT = 'activateSupport.need';
const FAMILY_PROMPT = 'activateSupport.family';

/** `overview`: the technical benefits card. `request`: the guided "open a support request" steps. */
export interface ActivateSupportOptions {
  mode: 'overview' | 'request';
}

export interface ActivateSupportResult {
  need?: SupportNeed;
  familyId?: string;
  outcome?: string;
}

interface State {
  need?: SupportNeed;
}

const NEEDS: readonly SupportNeed[] = ['breakFix', 'advisory'];

/** The technical benefits card as this person may see it (buttons only for what they may do). */
export const supportOverviewCard = activationCard(
  {
    kind: 'support',
    overview: (services, tenantId) => services.support.overview(tenantId),
    benefits: (overview) => overview.benefits,
    pageSize: SUPPORT_PAGE_SIZE,
  },
  (turn, input) => supportCard(turn.tr, input),
);

/**
 * Technical support benefits: the card listing them (eligibility by membership level, what
 * remains, status, Access ID and Contract ID once active, Activate buttons for those who may),
 * and the guided "open a support request": what is needed (break-fix or advice) → which
 * products → which support fits and the ids to quote, or what must be activated first.
 * Activation itself is the `support.activate` card action (the verb dispatcher checks the policy).
 */
export class ActivateSupportDialog extends BaseDialog {
  constructor(private readonly services: BotServices) {
    super(ACTIVATE_SUPPORT_DIALOG);
    this.addDialog(new ChoicePrompt(NEED_PROMPT));
    this.addDialog(new ChoicePrompt(FAMILY_PROMPT));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.begin.bind(this),
        this.askFamily.bind(this),
        this.advise.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async begin(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const options = (step.options as Partial<ActivateSupportOptions> | undefined) ?? {};
    if (options.mode !== 'request') {
      await sendCard(step.context, await supportOverviewCard(turn, this.services));
      return step.endDialog({} satisfies ActivateSupportResult);
    }
    return step.prompt(NEED_PROMPT, {
      prompt: turn.tr.t('support.request.needPrompt'),
      retryPrompt: turn.tr.t('support.request.retry'),
      choices: NEEDS.map((need) =>
        choice(turn.tr.t(`support.request.need.${need}`), [
          need,
          ...bothLanguages(`support.request.need.${need}`),
        ]),
      ),
      style: ListStyle.heroCard,
    });
  }

  private async askFamily(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    (step.values as State).need = NEEDS[(step.result as FoundChoice).index];
    return step.prompt(FAMILY_PROMPT, {
      prompt: turn.tr.t('support.request.familyPrompt'),
      retryPrompt: turn.tr.t('support.request.retry'),
      choices: SUPPORT_CATALOGUE.productFamilies.map((f) =>
        choice(f.label[turn.tr.locale], [f.id, ...Object.values(f.label)]),
      ),
      style: ListStyle.heroCard,
    });
  }

  private async advise(step: WaterfallStepContext<State>): Promise<DialogTurnResult> {
    const turn = this.turn(step);
    const need = (step.values as State).need ?? 'breakFix';
    const familyId = SUPPORT_CATALOGUE.productFamilies[(step.result as FoundChoice).index].id;
    const svc = this.services.support;
    const [advice, standing] = await Promise.all([
      svc.advise(turn.tenantId, need, familyId),
      svc.standing(turn.tenantId),
    ]);
    await sendCard(
      step.context,
      renderSupportAdvice(
        supportAdviceView(
          turn.tr,
          advice,
          standing,
          activationPermissions(turn.actor, 'support', this.services.activation).canActivate,
        ),
      ),
    );
    return step.endDialog({ need, familyId, outcome: advice.outcome } satisfies ActivateSupportResult);
  }
}

/** Shown as its title in the reader's language (Teams hero card buttons show the value); read back by index. */
function choice(title: string, synonyms: string[]): Choice {
  return { value: title, synonyms: synonyms.filter((s) => s !== title) };
}

/** A message in both languages: a typed answer in either works for everyone. */
function bothLanguages(key: MessageKey): string[] {
  return [t('en-US', key), t('zh-CN', key)];
}
