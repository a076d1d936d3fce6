import { defineProject } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.ts';

export default defineProject(
  projectConfig('client', {
    // The never-hang tests force garbage collections while calls are pending.
    execArgv: ['--expose-gc'],
    // The type tests (*.test-d.ts) are compiled with tsc, not run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  }),
);
