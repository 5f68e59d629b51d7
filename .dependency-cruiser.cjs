/**
 * The layers of the bot and the direction of their arrows (docs/architecture.md). `npm run lint`
 * runs this; a violation names the rule and the import that broke it.
 */
const FRAMEWORK = '^node_modules/(botbuilder[^/]*|botframework-[^/]+|restify[^/]*|@azure/[^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Modules never import each other in a circle at run time: one of them belongs lower down. (Type-only imports are erased; the typed joins need them, see below.)',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds the rules: no bot framework, web server or Azure SDK.',
      from: { path: '^src/domain/' },
      to: { path: FRAMEWORK },
    },
    {
      name: 'domain-imports-nothing-above-it',
      severity: 'error',
      comment: 'src/domain imports only src/domain (and libraries such as zod).',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(?!domain/)|dialogs/)' },
    },
    {
      name: 'store-implements-the-domain-only',
      severity: 'error',
      comment: 'src/store implements the domain ports; it knows nothing of Teams, cards or messages.',
      from: { path: '^src/store/' },
      to: { path: '^(src/(features|bot|notify|nlu|i18n|cards)|dialogs/)' },
    },
    {
      name: 'words-and-cards-below-features',
      severity: 'error',
      comment:
        "Messages, language understanding and card rendering are used by features, never the reverse (i18n may only gather the capabilities' message modules).",
      from: { path: '^src/(i18n|nlu|cards\\.ts)' },
      to: {
        path: '^(src/(bot|notify|store|app|server|cli)|dialogs/|src/features/(?!.*/messages\\.ts$))',
        // The typed joins: Verb and CommandId are derived from the registered features, and the
        // layers below name them as types only (erased at run time), so the compiler checks a verb
        // or command id wherever it is written.
        pathNot: '^src/features/joins\\.ts$',
      },
    },
    {
      name: 'joins-are-types-only-below-features',
      severity: 'error',
      comment:
        'Below the capabilities, src/features/joins.ts (Verb, CommandId) is imported for its types only.',
      from: { path: '^src/(i18n|nlu|cards\\.ts|domain|store)' },
      to: { path: '^src/features/joins\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'dialogs-never-reach-commands-or-verbs',
      severity: 'error',
      comment:
        "A dialog uses domain services and its capability's views and messages, never its commands or verbs (feature.ts), nor the Teams edge.",
      from: { path: '^dialogs/' },
      to: { path: '^(src/features/([^/]+/feature|index)\\.ts$|src/(bot|notify|app|server|cli)/?)' },
    },
    {
      name: 'features-below-the-teams-edge',
      severity: 'error',
      comment:
        'Capabilities are called by the Teams edge (src/bot) and the composition root, never the reverse.',
      from: { path: '^src/features/' },
      to: { path: '^src/(bot/|app\\.ts|server\\.ts|cli/|index\\.ts)' },
    },
    {
      name: 'proactive-sends-below-features',
      severity: 'error',
      comment:
        'src/notify sends cards the capabilities build; it never reaches their commands, verbs or dialogs, nor the Teams edge.',
      from: { path: '^src/notify/' },
      to: { path: '^(src/features/([^/]+/feature|index)\\.ts$|src/(bot|app|server|cli)/?|dialogs/)' },
    },
    {
      name: 'handlers-never-reach-repositories',
      severity: 'error',
      comment:
        'Commands, verbs, dialogs and the Teams edge reach the store through domain services (BotServices, built in src/app.ts), never through repositories (the turn read cache is not one).',
      from: { path: '^(src/(features|bot)/|dialogs/)' },
      to: { path: '^src/(domain/repositories|store/(index|repository|seed))\\.ts$' },
    },
    {
      name: 'framework-at-the-edges',
      severity: 'error',
      comment:
        'botbuilder stays in src/bot, src/features (turn context types), dialogs, src/server.ts, src/app.ts and src/store (dialog state): a move to the Agents SDK is that work only.',
      from: { path: '^src/(domain|i18n|nlu|notify|cards\\.ts)' },
      to: { path: '^node_modules/botbuilder[^/]*/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
