import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';

/** What elements, drawing and controllers may not import statically: tfjs, and the library's own tfjs modules. */
const firstLoadBoundary = [
  {
    group: ['@tensorflow/*'],
    allowTypeImports: true,
    message:
      'TensorFlow.js stays out of the first load: use it in the compute module (static computeModule).',
  },
  {
    group: ['**/*.tf.js'],
    allowTypeImports: true,
    message:
      'A *.tf.ts module imports TensorFlow.js: reach it through the compute module (static computeModule).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'storybook-static/',
      '.bench-build/',
      '.cache/',
      'tmp/',
      'custom-elements.json',
      'tests/sites/*/node_modules/',
      'tests/sites/vitepress/docs/.vitepress/dist/',
      'tests/sites/vitepress/docs/.vitepress/cache/',
      'tests/sites/astro/dist/',
      'tests/sites/astro/.astro/',
      'tests/sites/starlight/dist/',
      'tests/sites/starlight/.astro/',
      'tests/sites/docusaurus/build/',
      'tests/sites/docusaurus/.docusaurus/',
      'tests/sites/next/out/',
      'tests/sites/next/.next/',
      'tests/sites/sveltekit/build/',
      'tests/sites/sveltekit/.svelte-kit/',
      'tests/sites/hugo/public/',
      'tests/sites/hugo/static/',
      'tests/sites/*/.out/',
      'tests/sites/myst/_build/',
    ],
  },
  js.configs.recommended,
  // Type-aware rules (floating promises, needless assertions, unsafe any, …) over the TypeScript.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  litConfigs['flat/recommended'],
  { plugins: { 'lit-a11y': litA11y }, rules: litA11y.configs.recommended.rules },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Its fixes drop casts that tfjs' generic signatures need (and once broke a type guard).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Attribute parsers turn whatever an author passes into text on purpose.
      '@typescript-eslint/no-base-to-string': 'off',
      // The platform rejects with DOMException (aborts, IndexedDB), which is what callers expect.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // An async function without await is how a Promise-returning interface is met simply.
      '@typescript-eslint/require-await': 'off',
      // Prettier wraps code at 110; this catches what it cannot wrap (comments), leaving strings alone.
      'max-len': [
        'error',
        {
          code: 120,
          comments: 170,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
  {
    // The first-load boundary: elements, drawing and controllers get TensorFlow.js through their
    // compute module, imported dynamically (tests/node/tfjs-boundary.test.mjs checks the whole graph).
    files: ['src/elements/**/*.ts', 'src/vis/**/*.ts', 'src/controllers/**/*.ts'],
    ignores: ['src/elements/*/compute.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: firstLoadBoundary }] },
  },
  {
    // lit calls a template's @event listeners with the element as `this`.
    files: ['src/elements/**/*.ts', 'src/vis/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // A core module without the .tf suffix promises not to load TensorFlow.js.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.tf.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: firstLoadBoundary }] },
  },
  {
    files: ['**/*.mjs', '**/*.js', '.storybook/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  { files: ['**/*.mjs', '**/*.js', '.storybook/**'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['tests/**', 'bench/**', 'stories/**'],
    rules: {
      // chai's property assertions (`expect(x).to.exist`) read as bare expressions, and the a11y
      // plugin types every assertion as thenable.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      // Fixtures and JSON read in tests are `any` by nature.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
);
