/**
 * Where the time goes when a goal is missed: a `node --cpu-prof` profile of the
 * subject under load, summarised as the functions with the most self time.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A function and its share of the sampled self time. */
export interface Hotspot {
  readonly name: string;
  readonly where: string;
  readonly percent: number;
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const pkg = clean.indexOf('/packages/');
  if (pkg >= 0) return clean.slice(pkg + 1);
  return clean.replace(/^node:/, 'node:');
}

/** What a profile says: how idle the thread was, and the functions with the most self time (of the busy time). */
export interface Hotspots {
  readonly idlePercent: number;
  readonly top: readonly Hotspot[];
}

/** The top `count` functions by self time of a profile; idle time is counted apart. */
export function hotspots(profile: CpuProfile, count = 8): Hotspots {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, { name: string; where: string; micros: number }>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += delta;
      return;
    }
    total += delta;
    const where = `${shortUrl(node.callFrame.url)}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
    const key = `${name}@${where}`;
    const entry = self.get(key) ?? { name, where, micros: 0 };
    entry.micros += delta;
    self.set(key, entry);
  });
  const top = [...self.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, count)
    .map(({ name, where, micros }) => ({ name, where, percent: total ? (100 * micros) / total : 0 }));
  return { idlePercent: total + idle ? (100 * idle) / (total + idle) : 0, top };
}

/** A fresh directory for `--cpu-prof-dir`, and a reader of the profile written into it. */
export async function profileDir(): Promise<{ flags: string[]; read(): Promise<Hotspots>; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tbb-bench-prof-'));
  return {
    flags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    read: async () => {
      const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error('the profiled process wrote no .cpuprofile');
      return hotspots(JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Markdown lines: the idle share, then the hotspots as a share of the busy time. */
export function hotspotLines(spots: Hotspots): string[] {
  return [
    `  - idle (waiting on I/O): ${spots.idlePercent.toFixed(1)} % of the profile; of the busy time:`,
    ...spots.top.map((s) => `  - ${s.percent.toFixed(1)} % \`${s.name}\` (${s.where})`),
  ];
}

/** Profiles `work` in this process with V8's sampling profiler (the same profile `--cpu-prof` writes). */
export async function profileInProcess(work: () => Promise<void>): Promise<Hotspots> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    return hotspots(profile as unknown as CpuProfile);
  } finally {
    session.disconnect();
  }
}
