import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Memory content is never rendered as HTML.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer never touches Node, the network or secrets: everything goes through the bridge.
      'no-restricted-imports': ['error', { patterns: ['node:*', 'keytar', '**/electron/*/**', '!**/electron/contract'] }],
    },
  },
  {
    // keytar is imported in exactly one file (DESIGN.md rule 2).
    files: ['**/*.{ts,tsx}'],
    ignores: ['electron/secrets/keytar-secret-store.ts', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'keytar', message: 'keytar lives only in electron/secrets/keytar-secret-store.ts' }] }] },
  },
  {
    // Every spec's pages are recorded for the leak check that runs after them (test/e2e/leaks.spec.ts).
    // Listed after the keytar rule, which it repeats: a later block replaces a rule, it does not add to it.
    files: ['test/e2e/**/*.spec.ts'],
    ignores: ['test/e2e/leaks.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'keytar', message: 'keytar lives only in electron/secrets/keytar-secret-store.ts' },
            { name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from './support/test', so the leak check sees this spec's pages." },
          ],
        },
      ],
    },
  },
);
