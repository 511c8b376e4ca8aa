/**
 * Go durations as ContainerPilot parses them (config/timing): a string in Go's
 * `time.ParseDuration` syntax ("60s", "1m30s", "1500ms", "0.5h"), or a bare integer,
 * which is seconds ("60" or 60). Units: ns, us (µs), ms, s, m, h.
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};
const GO_DURATION = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const SEGMENT = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** What a message says a duration must be. @internal */
export const DURATION_TEXT = 'must be a Go duration such as "60s", "10m" or "1500ms" (a bare integer is seconds)';

/**
 * Milliseconds of a duration, or undefined when the value is not one. Numbers are
 * accepted the way ContainerPilot's weakly typed decoding accepts them: an integer is
 * seconds, anything else is read as its decimal text (so 1.5 has no unit and fails).
 *
 * @internal
 */
export function parseGoDuration(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string') text = value;
  else return undefined;
  if (/^[-+]?\d+$/.test(text)) return Number.parseInt(text, 10) * 1000;
  if (text === '0') return 0;
  if (!GO_DURATION.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  let ms = 0;
  for (const m of text.matchAll(SEGMENT)) ms += Number.parseFloat(m[1]) * UNIT_MS[m[2]];
  return sign * ms;
}

/** Whole seconds, rounded up (Kubernetes fields are whole seconds). @internal */
export function ceilSeconds(ms: number): number {
  return Math.ceil(ms / 1000 - 1e-9);
}
