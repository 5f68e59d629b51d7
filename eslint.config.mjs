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
      // `interface MessageRegistry extends MessagesOf<typeof seats> {}` is how a message module adds
      // its keys (declaration merging, src/i18n/catalogues.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
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
