/**
 * The conformance report as one self-contained HTML page, readable offline: the summary,
 * then every scenario — failures first — with each raw request (headers with the
 * signature, body) and raw answer, and their timings. Nothing is loaded from anywhere;
 * every value from the run is escaped. The secret is never in a report: it is not in any
 * exchange.
 */
import type { ConformanceReport, Exchange, ScenarioResult } from '../conformance/types.ts';
import { money, summaryLine } from './report-text.ts';

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const order: Record<string, number> = { failed: 0, 'not-run': 1, warned: 2, skipped: 3, passed: 4 };
const labels = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP', 'not-run': 'NOT RUN' } as const;
const rank = (r: ScenarioResult) => order[r.status === 'passed' && r.warnings.length > 0 ? 'warned' : r.status] ?? 5;

/** The page of a run. */
export function htmlReport(report: ConformanceReport, generatedAt = new Date()): string {
  const e = escapeHtml;
  const sorted = [...report.results].sort((a, b) => rank(a) - rank(b));
  const failures = sorted.filter((r) => r.status === 'failed' || r.status === 'not-run');
  const counts = [
    ['passed', report.passed],
    ['failed', report.failed],
    ['skipped', report.skipped],
    ['not-run', report.notRun],
    ['warned', report.warned],
  ] as const;
  const { opening, closing, restored } = report.balance;
  const balance =
    opening === undefined
      ? ''
      : `<p class="balance">Balance of player ${e(report.player.player_id)}: ${money(opening)} before, ${
          closing === undefined ? 'unknown' : money(closing)
        } after (${restored ? 'as found' : 'NOT as found'}).</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Conformance ${report.ok ? 'passed' : 'FAILED'}: ${report.url}`)}</title>
<style>${styles}</style>
</head>
<body>
<header>
<h1>tbb-wallet conformance: <span class="${report.ok ? 'ok' : 'not-ok'}">${report.ok ? 'passed' : 'FAILED'}</span></h1>
<p class="target">${e(report.url)} · player ${e(report.player.player_id)} (${e(report.player.currency_code)}) · ${e(generatedAt.toISOString())}</p>
<ul class="summary" aria-label="summary">
${counts.map(([name, n]) => `<li class="${name}" data-count="${name}"><b>${n}</b> ${name === 'not-run' ? 'not run' : name === 'warned' ? 'with warnings' : name}</li>`).join('\n')}
</ul>
<p class="summary-line">${e(summaryLine(report))} of ${report.total} scenarios</p>
${report.causes.map((c) => `<p class="cause">✖ ${e(c.message)}</p>`).join('\n')}
${balance}
${failures.length > 0 ? `<nav aria-label="failures"><h2>Failures</h2><ol>${failures.map((r) => `<li><a href="#${e(anchor(r.id))}">${e(r.id)}</a>: ${e(r.got)}</li>`).join('')}</ol></nav>` : ''}
</header>
<main>
<h2>Scenarios, failures first</h2>
${sorted.map(scenarioSection).join('\n')}
${report.exchanges.length > 0 ? `<section class="scenario run"><details><summary>The run's own calls (opening balance, putting it back)</summary>${report.exchanges.map(exchangeBlock).join('')}</details></section>` : ''}
</main>
</body>
</html>
`;
}

function anchor(id: string): string {
  return `scenario-${id}`;
}

function scenarioSection(r: ScenarioResult): string {
  const e = escapeHtml;
  const open = r.status === 'failed' || r.warnings.length > 0 ? ' open' : '';
  const rows = [
    ['what it proves', r.title],
    ['sent', r.sent],
    ['expected', r.expected],
    [r.status === 'skipped' || r.status === 'not-run' ? 'why' : 'got', r.got],
    ...r.warnings.map((w) => ['warning', w] as const),
  ].filter(([, value]) => value !== '');
  return `<section class="scenario ${r.status}${r.warnings.length > 0 ? ' warned' : ''}" id="${e(anchor(r.id))}">
<details${open}><summary><span class="badge">${labels[r.status]}</span> <code>${e(r.id)}</code> <span class="time">${r.durationMs} ms</span></summary>
<dl>${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>
${r.exchanges.map(exchangeBlock).join('\n')}
</details>
</section>`;
}

function exchangeBlock(x: Exchange, index: number): string {
  const e = escapeHtml;
  const headers = (h: Readonly<Record<string, string>>) =>
    Object.entries(h)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
  const request = `${x.method} ${x.url}\n${headers(x.requestHeaders)}\n\n${x.requestBody}`;
  const answer =
    x.status === 0
      ? `no answer: ${x.error ?? 'unknown'}`
      : `HTTP ${x.status}\n${headers(x.responseHeaders)}\n\n${x.responseBody}${x.error ? `\n\n(${x.error})` : ''}`;
  return `<div class="exchange">
<h3>Call ${index + 1} <span class="time">sent at +${x.startedMs} ms, answered in ${x.durationMs} ms</span></h3>
<div class="pair"><div><h4>Request</h4><pre class="request">${e(request)}</pre></div><div><h4>Answer</h4><pre class="response">${e(answer)}</pre></div></div>
</div>`;
}

const styles = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.5rem}.ok{color:#17803d}.not-ok{color:#c0262d}
.summary{display:flex;gap:.75rem;list-style:none;padding:0}.summary li{padding:.4rem .8rem;border-radius:6px;background:#f1f1f4}
.summary .passed b{color:#17803d}.summary .failed b{color:#c0262d}.summary .skipped b,.summary .warned b{color:#9a6700}
.cause{background:#fdecec;border-left:4px solid #c0262d;padding:.5rem .8rem}
.scenario{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.3rem .8rem}
.scenario.failed{border-color:#c0262d;background:#fffafa}.scenario.not-run{border-color:#888}.scenario.warned{border-color:#9a6700}
.badge{display:inline-block;min-width:4.5em;font-weight:700}.failed .badge{color:#c0262d}.passed .badge{color:#17803d}.skipped .badge{color:#9a6700}
summary{cursor:pointer;padding:.2rem 0}.time{color:#666;font-size:.9em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}h3{font-size:1rem;margin:.8rem 0 .2rem}h4{margin:.2rem 0;font-size:.9rem}
pre{background:#f6f8fa;border:1px solid #e3e3e8;padding:.5rem;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:0}
`;
