import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'node_modules/',
      'public/',
      'lib/generated/',
      'coverage/',
      '.bench/',
      'artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Execution contexts stay apart (Dark Reader's rule): lib/ is the logic and imports no UI or
  // wiring; only lib/dom and lib/db touch the DOM or Dexie; the content script never opens the database.
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/entrypoints/**', '**/components/**', '**/corpus/**'],
              message: 'lib/ must not import entrypoints, components or corpus.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/entrypoints/**', '**/components/**', '**/corpus/**'],
              message: 'lib/ must not import entrypoints, components or corpus.',
            },
            {
              group: ['dexie', './db/**', './dom/**'],
              message: 'Pure lib modules must not touch Dexie or the DOM: use lib/db or lib/dom.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'entrypoints/content-script/**/*.ts',
      'entrypoints/content-script/**/*.tsx',
      'entrypoints/detect.ts',
      'entrypoints/content-ui.tsx',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', '**/lib/db/**'],
              message: 'The content script never opens the database: ask the background.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.tsx', 'components/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', '**/lib/db/**', 'wxt/browser', '**/entrypoints/**'],
              message: 'Components take props and call callbacks: no browser APIs or database.',
            },
          ],
        },
      ],
    },
  },
);
