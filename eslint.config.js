import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'storybook-static/', '.bench-build/', '.cache/', 'custom-elements.json', 'tests/sites/*/node_modules/', 'tests/sites/vitepress/docs/.vitepress/dist/', 'tests/sites/vitepress/docs/.vitepress/cache/', 'tests/sites/astro/dist/', 'tests/sites/astro/.astro/', 'tests/sites/docusaurus/build/', 'tests/sites/docusaurus/.docusaurus/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The first-load boundary: elements, drawing and controllers get TensorFlow.js through their
    // compute module, imported dynamically (tests/node/tfjs-boundary.test.mjs checks the whole graph).
    files: ['src/elements/**/*.ts', 'src/vis/**/*.ts', 'src/controllers/**/*.ts'],
    ignores: ['src/elements/*/compute.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              allowTypeImports: true,
              message: 'TensorFlow.js stays out of the first load: use it in the compute module (static computeModule).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '.storybook/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // chai's property assertions (`expect(x).to.exist`) read as bare expressions.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
