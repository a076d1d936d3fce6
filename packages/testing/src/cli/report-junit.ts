/**
 * The conformance report as JUnit XML for CI systems: one `testsuite` per scenario group,
 * one `testcase` per scenario; failures carry what was expected and what came back,
 * skipped scenarios are `skipped`, scenarios never run are `error`s (they could not run).
 */
import { create } from 'xmlbuilder2';
import type { ConformanceReport, ScenarioResult } from '../conformance/types.ts';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The JUnit XML document of a run. Characters XML cannot hold are replaced with U+FFFD. */
export function junitXml(report: ConformanceReport): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const totalMs = report.results.reduce((sum, r) => sum + r.durationMs, 0);
  const root = doc.ele('testsuites', {
    name: `tbb-wallet conformance ${report.url}`,
    tests: report.total,
    failures: report.failed,
    errors: report.notRun,
    skipped: report.skipped,
    time: seconds(totalMs),
  });
  if (report.causes.length > 0) {
    root.ele('properties').ele('property', { name: 'causes', value: report.causes.map((c) => c.message).join(' | ') });
  }
  const groups = new Map<string, ScenarioResult[]>();
  for (const r of report.results) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  for (const [group, results] of groups) {
    const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length;
    const suite = root.ele('testsuite', {
      name: group,
      tests: results.length,
      failures: count('failed'),
      errors: count('not-run'),
      skipped: count('skipped'),
      time: seconds(results.reduce((sum, r) => sum + r.durationMs, 0)),
    });
    for (const result of results) {
      const testcase = suite.ele('testcase', {
        name: result.id,
        classname: `conformance.${group}`,
        time: seconds(result.durationMs),
      });
      if (result.status === 'failed') {
        testcase
          .ele('failure', { message: `expected ${result.expected}, got ${result.got}`, type: 'ScenarioFailure' })
          .txt(`${result.title}\nsent: ${result.sent}\nexpected: ${result.expected}\ngot: ${result.got}`);
      } else if (result.status === 'skipped') {
        testcase.ele('skipped', { message: result.got });
      } else if (result.status === 'not-run') {
        testcase.ele('error', { message: result.got, type: 'NotRun' });
      }
      if (result.warnings.length > 0)
        testcase.ele('system-out').txt(result.warnings.map((w) => `warning: ${w}`).join('\n'));
    }
  }
  return doc.end({ prettyPrint: true });
}
