/**
 * The two cron dialects WebApp's scheduled scaling writes, checked the way each
 * controller parses them:
 * - ACK's CronHorizontalPodAutoscaler (go-cron, a robfig/cron v1 fork): six fields with a
 *   leading seconds field, `?` in day-of-month and day-of-week, and the descriptors
 *   `@yearly` ... `@hourly`, `@every <Go duration>` and `@date YYYY-MM-DD hh:mm:ss`;
 * - KEDA's cron scaler (robfig/cron v3 with Minute|Hour|Dom|Month|Dow): five fields,
 *   no seconds, no descriptors.
 *
 * Each function returns undefined when the expression is fine, or what is wrong.
 *
 * @internal
 */

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly question?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DOM: FieldSpec = { name: 'day-of-month', min: 1, max: 31, question: true };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTHS };
const DOW: FieldSpec = { name: 'day-of-week', min: 0, max: 6, names: DAYS, question: true };

/** The six-field CronHPA format (seconds first), or one of its descriptors. @internal */
export function checkCronHpaSchedule(expr: string): string | undefined {
  if (typeof expr !== 'string' || expr.trim() === '') return 'must not be empty';
  const s = expr.trim();
  if (s.startsWith('@')) return checkDescriptor(s);
  const fields = s.split(/\s+/);
  if (fields.length !== 6) {
    return `has ${fields.length} fields; CronHPA needs 6: second minute hour day-of-month month day-of-week (e.g. "0 0 8 * * 1-5" for 08:00 on weekdays)`;
  }
  return checkFields(fields, [SECOND, MINUTE, HOUR, DOM, MONTH, DOW]);
}

/** The five-field cron format of KEDA's cron scaler. @internal */
export function checkKedaSchedule(expr: string): string | undefined {
  if (typeof expr !== 'string' || expr.trim() === '') return 'must not be empty';
  const s = expr.trim();
  if (s.startsWith('@')) return 'descriptors such as "@daily" are not accepted by KEDA\'s cron scaler; write 5 fields: minute hour day-of-month month day-of-week';
  const fields = s.split(/\s+/);
  if (fields.length !== 5) {
    return `has ${fields.length} fields; KEDA needs 5: minute hour day-of-month month day-of-week, without seconds (e.g. "0 8 * * 1-5" for 08:00 on weekdays)`;
  }
  return checkFields(fields, [MINUTE, HOUR, DOM, MONTH, DOW]);
}

/** An IANA time zone name ("Asia/Shanghai", "UTC") that Go's time.LoadLocation knows. @internal */
export function isTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz) || tz === 'Local') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function checkFields(fields: string[], specs: FieldSpec[]): string | undefined {
  for (let i = 0; i < specs.length; i++) {
    const problem = checkField(fields[i], specs[i]);
    if (problem) return `${specs[i].name} field ${JSON.stringify(fields[i])}: ${problem}`;
  }
  return undefined;
}

function checkField(text: string, f: FieldSpec): string | undefined {
  const allowed = `allowed: ${f.min}-${f.max}${f.names ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : ''}, "*", ","-lists, "a-b" ranges and "/step"${f.question ? ', "?"' : ''}`;
  for (const item of text.split(',')) {
    const [base, step, extra] = item.split('/');
    if (extra !== undefined) return `too many "/" (${allowed})`;
    if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return `step ${JSON.stringify(step)} must be a positive integer`;
    if (base === '*' || (base === '?' && f.question)) continue;
    const [lo, hi, more] = base.split('-');
    if (more !== undefined) return `${JSON.stringify(base)} is not a range (${allowed})`;
    const a = value(lo, f);
    if (a === undefined) return `${JSON.stringify(lo)} is out of range or not a value (${allowed})`;
    if (hi !== undefined) {
      const b = value(hi, f);
      if (b === undefined) return `${JSON.stringify(hi)} is out of range or not a value (${allowed})`;
      if (a > b) return `range ${JSON.stringify(base)} runs backwards`;
    }
  }
  return undefined;
}

function value(text: string, f: FieldSpec): number | undefined {
  let n: number;
  if (/^[0-9]+$/.test(text)) n = Number(text);
  else if (f.names && f.names.includes(text.toUpperCase())) n = f.names.indexOf(text.toUpperCase()) + (f.min === 1 ? 1 : 0);
  else return undefined;
  return n >= f.min && n <= f.max ? n : undefined;
}

function checkDescriptor(s: string): string | undefined {
  if (['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(s)) return undefined;
  const every = /^@every\s+(\S+)$/.exec(s);
  if (every) {
    const d = every[1];
    if (!/^([0-9]+(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/.test(d) || !/[1-9]/.test(d)) {
      return `"@every" needs a positive Go duration such as "90s", "5m" or "1h30m", not ${JSON.stringify(d)}`;
    }
    return undefined;
  }
  const date = /^@date\s+(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (date) {
    const [y, mo, d, h, mi, se] = date.slice(1).map(Number);
    const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
      return `"@date" names no real date and time: ${JSON.stringify(s.slice(5).trim())}`;
    }
    return undefined;
  }
  if (s.startsWith('@date')) return '"@date" must be written "@date YYYY-MM-DD hh:mm:ss"';
  return 'is not a known descriptor; use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, "@every <duration>" or "@date YYYY-MM-DD hh:mm:ss", or 6 cron fields';
}
