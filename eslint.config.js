import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** One import restriction: the specifiers it forbids (gitignore-style or a regex) and why. */
const ban = (what, message) =>
  what.startsWith('^') ? { regex: what, message } : { group: [what], message };

const NOT_IN_LIB = [
  ban('**/entrypoints/**', 'lib/ is the logic: it imports no entrypoint.'),
  ban('**/components/**', 'lib/ is the logic: it imports no view.'),
  ban('**/corpus/**', 'lib/ runs in the browser: the corpus build is Node-only.'),
  ban('wxt/**', 'lib/ takes browser APIs as arguments (see lib/messaging/client.ts).'),
  ban('node:*', 'lib/ runs in the browser: no Node modules.'),
  ban('react', 'lib/ renders nothing: views live in components/.'),
];
const NO_DATABASE = ban('^(dexie|.*/db/.*)$', 'Only lib/db and the background open the database.');
const NO_DOM_LAYER = ban(
  '^.*/dom/.*$',
  'Only lib/dom touches the DOM: pure logic stays testable in Node.',
);
const NO_PROTOCOL = ban(
  '^.*/messaging/.*$',
  'Storage knows the domain (lib/views.ts), not the wire format.',
);
const NO_NODE_BUILD = ban('**/corpus/**', 'The corpus build and CLI are Node-only.');
const NO_SIBLING_ENTRYPOINT = ban(
  '^[.][.]/(?![.][.]/)',
  'Each context imports only lib/ and components/: share code through them, not through another entrypoint.',
);

/** A zone: files, and the imports they may not make (types included: a type pulls its module's picture in). */
const zone = (files, bans, ignores = []) => ({
  files,
  ignores,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: bans }] },
});

/** The rooms of the house and what each may not import. Later zones replace earlier ones per file. */
function zones() {
  return [
    zone(['lib/**/*.ts'], [...NOT_IN_LIB, NO_DATABASE, NO_DOM_LAYER], ['lib/dom/**', 'lib/db/**']),
    zone(['lib/dom/**/*.ts'], [...NOT_IN_LIB, NO_DATABASE]),
    zone(['lib/db/**/*.ts'], [...NOT_IN_LIB, NO_DOM_LAYER, NO_PROTOCOL]),
    zone(
      ['components/**/*.ts', 'components/**/*.tsx'],
      [
        NO_DATABASE,
        NO_DOM_LAYER,
        NO_NODE_BUILD,
        ban('wxt/**', 'Views take props and call callbacks: no browser APIs.'),
        ban('**/entrypoints/**', 'Views do not import the contexts that mount them.'),
      ],
    ),
    zone(
      ['entrypoints/**/*.ts', 'entrypoints/**/*.tsx'],
      [NO_SIBLING_ENTRYPOINT, NO_NODE_BUILD],
      ['entrypoints/background/**'],
    ),
    zone(
      ['entrypoints/detect/**', 'entrypoints/page-script/**', 'entrypoints/page-ui/**'],
      [
        NO_SIBLING_ENTRYPOINT,
        NO_NODE_BUILD,
        ban(
          '^(dexie|.*/db/.*)$',
          'Scripts in web pages never open the database: ask the background.',
        ),
      ],
    ),
    zone(
      ['entrypoints/page-frame/**'],
      [
        NO_SIBLING_ENTRYPOINT,
        NO_NODE_BUILD,
        ban(
          '^(dexie|.*/db/.*)$',
          'The frame on pages shows what its page script sends: it never opens the database.',
        ),
      ],
    ),
    zone(['entrypoints/background/**/*.ts'], [NO_SIBLING_ENTRYPOINT, NO_NODE_BUILD, NO_DOM_LAYER]),
  ];
}

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
  // The house plan, enforced (Dark Reader's habit): each room imports only what its context can run.
  // tests/lint-zones.test.ts lints a bad import into each room and checks that its rule fires.
  ...zones(),
  {
    // An async predicate returns a Promise, which waitForFunction takes as truthy at once: such a
    // wait does not wait (it once let tests run against a half-imported database).
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='waitForFunction'] > :matches(ArrowFunctionExpression, FunctionExpression)[async=true]",
          message:
            'waitForFunction takes the Promise of an async predicate as truthy: poll and read the result instead.',
        },
      ],
    },
  },
);
