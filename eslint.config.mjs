// Lint with type information; warnings are errors (`npm run lint` passes --max-warnings 0).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Module boundaries: scope (which domain) and type (which layer) both constrain imports. Tests may
 * also import the `type:testing` library (builders, waiting helpers); production code may not.
 */
function moduleBoundaries(inTests) {
  const t = (tags) => (inTests ? [...tags, 'type:testing'] : tags);
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: t([
          'type:contracts',
          'type:util',
          'type:domain',
          'type:infra',
          'type:data-access',
          'type:feature',
        ]),
      },
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: t([
          'type:contracts',
          'type:util',
          'type:domain',
          'type:infra',
          'type:data-access',
        ]),
      },
      {
        sourceTag: 'type:data-access',
        onlyDependOnLibsWithTags: t(['type:contracts', 'type:util', 'type:domain']),
      },
      { sourceTag: 'type:infra', onlyDependOnLibsWithTags: t(['type:contracts', 'type:util']) },
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: t(['type:contracts', 'type:util', 'type:domain']),
      },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: t(['type:contracts']) },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: t(['type:util']) },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:shared'] },
      { sourceTag: 'scope:cases', onlyDependOnLibsWithTags: ['scope:cases', 'scope:shared'] },
      { sourceTag: 'scope:search', onlyDependOnLibsWithTags: ['scope:search', 'scope:shared'] },
      { sourceTag: 'scope:triage', onlyDependOnLibsWithTags: ['scope:triage', 'scope:shared'] },
      {
        sourceTag: 'scope:gateway',
        onlyDependOnLibsWithTags: [
          'scope:gateway',
          'scope:intake',
          'scope:cases',
          'scope:search',
          'scope:shared',
        ],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '.cache/**',
      '.nx/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-console': ['error', { allow: ['error'] }],
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(false)],
    },
  },
  {
    // Tests may use non-null assertions and loose typing of JSON answers.
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/testing/**/*.ts',
      'bench/**/*.ts',
      'e2e/**/*.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(true)],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-console': 'off',
    },
  },
  {
    // The web app (apps/web): a browser bundle type-checked with its own tsconfig (DOM, JSX). Same
    // strictness as the server code, plus the rules of hooks; it may import no server library
    // (contract types at most).
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx', 'apps/web/**/*.mts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./apps/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-console': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          ...moduleBoundaries(false),
          depConstraints: [
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['type:contracts'] },
            ...moduleBoundaries(false).depConstraints,
          ],
        },
      ],
    },
  },
);
