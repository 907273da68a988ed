// ESLint for the whole repository: typescript-eslint's recommended rules everywhere, plus the Lit and web
// component rules for the element's sources and the browser tests that render it.
// Run through `npm run lint`, which also runs lit-analyzer, Prettier's check and the type checks.
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist.*/', 'node_modules/', '**/cdk.out/', 'bench/results/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `const { secret: _secret, ...rest } = value` is how a field is left out of a copy: not an unused variable.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/browser/**/*.ts', 'demo/**/*.{js,ts}'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'test/browser/**/*.ts', 'demo/**/*.{js,ts}'],
    ...wc.configs['flat/recommended'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Chai's property assertions (`expect(x).to.be.false`) are expressions by design.
    files: ['test/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['**/*.{js,mjs}', 'backend/**/*.ts', 'test/node/**/*.ts', 'bench/**/*.{js,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
);
