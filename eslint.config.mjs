// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'docs/**',
      'manifest/build/**',
      'tests/e2e/artifacts/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The domain stays pure: rules and policy must not depend on the bot framework, the web server or Azure SDKs.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
              message: 'src/domain must not import the bot framework.',
            },
            { group: ['restify', 'restify-*'], message: 'src/domain must not import the web server.' },
            { group: ['@azure/*'], message: 'src/domain must not import Azure SDKs.' },
          ],
        },
      ],
    },
  },
  {
    // Only the edges may import botbuilder (ARCHITECTURE.md, "Framework boundary").
    files: [
      'src/nlu/**/*.ts',
      'src/i18n/**/*.ts',
      'src/cards.ts',
      'src/notify/**/*.ts',
      'src/features/*/views.ts',
      'src/features/*/messages.ts',
    ],
    ignores: ['src/notify/sender.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['botbuilder', 'botbuilder-*'], message: 'Keep botbuilder at the edges.' }] },
      ],
    },
  },
  {
    // Handlers and dialogs get domain services, never repositories (src/app.ts builds the services).
    // The two activation dialogs are switched over with the activation lifecycle rewrite.
    files: ['src/features/**/*.ts', 'src/bot/**/*.ts', 'dialogs/**/*.ts'],
    ignores: ['dialogs/activateSupport.ts', 'dialogs/marketingContact.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='repos'], Property[key.name='repos']",
          message: 'Reach the store through a domain service on BotServices, not through repositories.',
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'manifest/scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
