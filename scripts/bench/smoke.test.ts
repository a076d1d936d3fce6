/**
 * Smoke run of `npm run bench`: each section measures a few hundred calls and renders.
 * It proves the bench still runs against the packages; it asserts no speed goal.
 */
import { describe, expect, it } from 'vitest';
import { smokeRun } from './config.ts';
import { describeMachine } from './machine.ts';
import { renderReport } from './report.ts';
import { sections } from './sections.ts';

/** Sections that need a PostgreSQL server (and pgbench): run where DATABASE_URL says one is there, as CI does. */
const needsServer = new Set(['ledger']);
const hasServer = Boolean(process.env.DATABASE_URL);

describe('npm run bench, smoke', () => {
  it.for(Object.keys(sections))('section %s measures and renders', async (name, context) => {
    if (needsServer.has(name) && !hasServer) context.skip('needs a PostgreSQL server: set DATABASE_URL');
    const section = await sections[name]!(smokeRun);
    expect(section.notMeasured).toBeUndefined();
    expect(section.tables.length).toBeGreaterThan(0);
    for (const goal of section.goals) expect(Number.isFinite(goal.value)).toBe(true);
    const report = renderReport(describeMachine(), [section], new Date(), 1);
    expect(report).toContain(`## ${section.title}`);
    expect(report).toContain(section.rerun);
  });
});
