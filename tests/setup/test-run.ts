/**
 * vitest globalSetup: gives the run an id, so that test files in different workers can share one
 * `npm run build` per run (tests/helpers/built-app.ts) instead of building once each.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('testRunId', `${process.pid}-${Date.now()}`);
}
