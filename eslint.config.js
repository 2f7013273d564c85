// ESLint flat config: typescript-eslint with type information for the rules that need it
// (floating promises, exhaustive switches), plus our one house rule from STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { noBooleanPositional } from './eslint/no-boolean-positional.js';

const anomscope = { rules: { 'no-boolean-positional': noBooleanPositional } };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.ci/**',
      'coverage/**',
      'runs/**',
      'out/**',
      'fixtures/**',
      'eval/suites/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Every file, TypeScript or not.
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Prettier wraps code at 100; long string literals and URLs are left whole on purpose.
      'max-len': [
        'error',
        {
          code: 100,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { anomscope },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      'anomscope/no-boolean-positional': 'error',
    },
  },
  {
    // The review page's scripts run in the browser, unbundled.
    files: ['src/review/page/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        console: 'readonly',
        localStorage: 'readonly',
        location: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        requestAnimationFrame: 'readonly',
        HTMLElement: 'readonly',
        Event: 'readonly',
        KeyboardEvent: 'readonly',
        navigator: 'readonly',
        AbortController: 'readonly',
        performance: 'readonly',
        getComputedStyle: 'readonly',
        ResizeObserver: 'readonly',
        structuredClone: 'readonly',
        Blob: 'readonly',
        sessionStorage: 'readonly',
        history: 'readonly',
        HTMLTextAreaElement: 'readonly',
        HTMLInputElement: 'readonly',
      },
    },
  },
  {
    // Node scripts written in plain JavaScript.
    files: ['eslint.config.js', 'eslint/**/*.js', '**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
