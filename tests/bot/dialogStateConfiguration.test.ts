import { TestAdapter, TurnContext } from 'botbuilder';
import { DialogContext, DialogSet } from 'botbuilder-dialogs';
import { DIALOG_STATE_CONFIGURATION_KEY } from '../../src/bot/bot';

/**
 * The bot hands every turn the memory scopes its dialogs' state managers were configured with on
 * the first turn (src/bot/bot.ts), instead of letting the first DialogContext of each turn build
 * them anew. This holds only while botbuilder-dialogs reads them from that turn-state key.
 */
describe('the dialog state configuration a turn carries', () => {
  const turn = () =>
    new TurnContext(new TestAdapter(), {
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'u1', name: 'Dana' },
      recipient: { id: 'b1', name: 'bot' },
    });

  it('is the one every dialog context of a later turn uses', () => {
    const dialogs = new DialogSet();
    const first = new DialogContext(dialogs, turn(), { dialogStack: [] });
    expect(first.state.configuration.memoryScopes.map((s) => s.name)).toEqual(
      expect.arrayContaining(['turn', 'dialog', 'conversation', 'user']),
    );
    const later = turn();
    later.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, first.state.configuration);
    expect(new DialogContext(dialogs, later, { dialogStack: [] }).state.configuration).toBe(
      first.state.configuration,
    );
  });

  it('is built afresh when a turn carries none', () => {
    const dialogs = new DialogSet();
    const one = new DialogContext(dialogs, turn(), { dialogStack: [] });
    const other = new DialogContext(dialogs, turn(), { dialogStack: [] });
    expect(other.state.configuration).not.toBe(one.state.configuration);
  });
});
