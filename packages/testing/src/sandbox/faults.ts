/**
 * A sandbox that misbehaves on purpose, so a provider can test its retries and its outbox
 * without writing a broken server: a share of calls answered 503, a share whose connection
 * is dropped after the wallet committed them, a share answered only after a delay longer
 * than the caller's timeout, and a period when the wallet is down. The settings can be
 * changed at any time through the {@link Faults} object (a console page can switch them).
 *
 * Spec syntax (`tbb-wallet sandbox --faults <spec>`), comma-separated, any order:
 *   503=30%          answer 30% of calls 503 "Service is unavailable." (nothing is recorded)
 *   drop=10%         record 10% of calls, then close the connection without an answer
 *   delay=10%:6s     record 10% of calls, then answer them 6 s late (past a 5 s timeout)
 *   down=20s         for the first 20 s, close every connection before reading it
 * A share is `30%` or `0.3`; a duration `6s`, `6000ms` or `6000` (milliseconds).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The faults in force. Shares are between 0 and 1; times in milliseconds. */
export interface FaultSettings {
  /** Share of calls answered 503 without reaching the wallet. */
  unavailable: number;
  /** Share of calls the wallet processes, whose connection is then closed without an answer. */
  drop: number;
  /** Share of calls the wallet processes, answered `delayMs` late. */
  delay: number;
  /** How late a delayed answer is sent. */
  delayMs: number;
  /** Until this time (epoch ms) every connection is closed before it is read; 0 = up. */
  downUntil: number;
}

/** What a fault did to one call, for the sandbox's log line. */
export type FaultKind = 'unavailable' | 'drop' | 'delay' | 'down';

/** The faults of one sandbox, changeable while it serves. */
export interface Faults {
  /** The settings in force (a copy). */
  get(): FaultSettings;
  /** Replaces some settings; a spec string replaces all of them. @throws TypeError on a bad spec. */
  set(settings: Partial<FaultSettings> | string): void;
  /** Down for `ms` from now (every connection closed unread); `0` brings it up at once. */
  down(ms: number): void;
  /** Back to a well-behaved wallet. */
  clear(): void;
  /** The spec string of the settings in force (`down` as the time left), or `none`. */
  describe(): string;
  /** A node:http listener that applies the faults in front of `listener`; `onFault` hears each one. */
  wrap(
    listener: (req: IncomingMessage, res: ServerResponse) => void,
    onFault?: (kind: FaultKind) => void,
  ): (req: IncomingMessage, res: ServerResponse) => void;
}

const none: FaultSettings = { unavailable: 0, drop: 0, delay: 0, delayMs: 0, downUntil: 0 };

/** The usage text of the spec, for `--help` and error messages. */
export const faultSpecHelp = [
  'comma-separated faults:',
  '  503=30%       answer 30% of calls 503 (nothing recorded)',
  '  drop=10%      record 10% of calls, then close the connection unanswered',
  '  delay=10%:6s  record 10% of calls, answer them 6 s late',
  '  down=20s      close every connection unread for the first 20 s',
  'e.g. --faults "503=30%,drop=10%,delay=10%:6s,down=5s"',
].join('\n');

/** Parses a spec. @throws TypeError naming the part it cannot read. */
export function parseFaults(spec: string, now = Date.now()): FaultSettings {
  const settings = { ...none };
  const trimmed = spec.trim();
  if (trimmed === '' || trimmed === 'none') return settings;
  for (const part of trimmed.split(',').map((p) => p.trim())) {
    const [kind, value = ''] = part.split('=', 2) as [string, string?];
    const fail = (why: string) => new TypeError(`fault "${part}": ${why}\n${faultSpecHelp}`);
    if (kind === '503') settings.unavailable = share(value, fail);
    else if (kind === 'drop') settings.drop = share(value, fail);
    else if (kind === 'delay') {
      const [rate = '', ms = ''] = value.split(':', 2);
      settings.delay = share(rate, fail);
      settings.delayMs = duration(ms, fail);
    } else if (kind === 'down') settings.downUntil = now + duration(value, fail);
    else throw fail('unknown fault (503, drop, delay or down)');
  }
  if (settings.unavailable + settings.drop + settings.delay > 1)
    throw new TypeError(`faults: the shares of 503, drop and delay add up to more than 100%.\n${faultSpecHelp}`);
  return settings;
}

function share(text: string, fail: (why: string) => Error): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!(value >= 0 && value <= 1)) throw fail('a share is 0% to 100%, e.g. 30% or 0.3');
  return value;
}

function duration(text: string, fail: (why: string) => Error): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  if (!match) throw fail('a duration is e.g. 6s, 6000ms or 6000');
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/** Creates the faults object of a sandbox, starting from a spec or settings. */
export function createFaults(initial: string | Partial<FaultSettings> = 'none', random = Math.random): Faults {
  let settings = typeof initial === 'string' ? parseFaults(initial) : { ...none, ...initial };
  const faults: Faults = {
    get: () => ({ ...settings }),
    set(next) {
      settings = typeof next === 'string' ? parseFaults(next) : { ...settings, ...next };
    },
    down(ms) {
      settings = { ...settings, downUntil: ms > 0 ? Date.now() + ms : 0 };
    },
    clear() {
      settings = { ...none };
    },
    describe() {
      const s = settings;
      const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
      const parts = [
        s.unavailable > 0 && `503=${pct(s.unavailable)}`,
        s.drop > 0 && `drop=${pct(s.drop)}`,
        s.delay > 0 && `delay=${pct(s.delay)}:${s.delayMs}ms`,
        s.downUntil > Date.now() && `down=${Math.ceil((s.downUntil - Date.now()) / 1000)}s`,
      ].filter(Boolean);
      return parts.length > 0 ? parts.join(',') : 'none';
    },
    wrap: (listener, onFault) => (req, res) => {
      const s = settings;
      const report = (kind: FaultKind) => {
        try {
          onFault?.(kind);
        } catch {
          // a log line's failure never changes the answer
        }
      };
      if (s.downUntil > Date.now()) {
        report('down');
        req.socket.destroy();
        return;
      }
      const roll = random();
      if (roll < s.unavailable) {
        report('unavailable');
        req.resume();
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"code":503,"message":"Service is unavailable."}');
        return;
      }
      if (roll < s.unavailable + s.drop)
        holdEnd(res, () => {
          report('drop');
          res.socket?.destroy();
        });
      else if (roll < s.unavailable + s.drop + s.delay)
        holdEnd(res, (end) => {
          report('delay');
          setTimeout(end, s.delayMs).unref?.();
        });
      listener(req, res);
    },
  };
  return faults;
}

/** Runs `instead` when the wallet's answer is complete (it has committed), handing it the real `end`. */
function holdEnd(res: ServerResponse, instead: (end: () => void) => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as { end: unknown }).end = (...args: unknown[]) => {
    instead(() => {
      if (!res.destroyed) end(...args);
    });
    return res;
  };
}
