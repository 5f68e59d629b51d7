import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { benefitsContext, categoryCard, summaryCard } from '../src/features/benefits/cards';
import { sendCard } from '../src/features/shared/reply';
import type { BotServices } from '../src/services';
import type { BenefitView } from '../src/features/benefits/views';
import { BaseDialog } from './base';

export const LIST_BENEFITS_DIALOG = 'listBenefits';
const SHOW = 'listBenefits.show';

export interface ListBenefitsOptions {
  /** The summary by category (default), or straight to one category or the packages. */
  view?: 'summary' | BenefitView;
}

export interface ListBenefitsResult {
  shown: 'summary' | BenefitView;
}

/**
 * Entry point of the benefits: sends the summary card (or one category) as the person may see
 * it, and ends. Everything after that is Universal Actions on the card (`benefits.category`,
 * `software.revealKeys`, `credit.*`, `license.*`, `package.cancel`), each re-read and re-checked
 * on the server, so a forwarded or replayed card is as safe as a fresh one and no state is kept
 * between turns.
 */
export class ListBenefitsDialog extends BaseDialog {
  constructor(private readonly services: BotServices) {
    super(LIST_BENEFITS_DIALOG);
    this.addDialog(new WaterfallDialog(SHOW, [this.showStep.bind(this)]));
    this.initialDialogId = SHOW;
  }

  private async showStep(step: WaterfallStepContext<ListBenefitsOptions>): Promise<DialogTurnResult> {
    const view = step.options.view ?? 'summary';
    const ctx = await benefitsContext(this.turn(step), this.services);
    await sendCard(step.context, view === 'summary' ? summaryCard(ctx) : categoryCard(ctx, view));
    const result: ListBenefitsResult = { shown: view };
    return step.endDialog(result);
  }
}
