// The terminal's view of the traffic: one line per request (time, session, vendor, method, path,
// status, duration and the violations in short), coloured on a terminal and plain when piped; or,
// for log collectors, one JSON object per request written by pino.
import { inspect } from "node:util";
import { pino } from "pino";
import type { JournalRecord } from "../engine/journal.js";

export type LogFormat = "text" | "json";

export interface RequestLogOptions {
  format: LogFormat;
  /** Colours (text only): default when the stream is a terminal and NO_COLOR is unset. */
  color?: boolean;
  /** Where lines go (default stdout). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The request line's own summary of violations: `body/timezone required, query/limit maximum` (at most three, then a count). */
function shortViolations(record: JournalRecord): string {
  const all = record.violations;
  if (all.length === 0) return "";
  let text = "";
  for (let i = 0; i < all.length && i < 3; i++) {
    const v = all[i] as JournalRecord["violations"][number];
    text += `${i === 0 ? "" : ", "}${v.location}${v.pointer === "/" ? "" : v.pointer} ${v.rule}`;
  }
  return all.length > 3 ? `${text}, … ${all.length - 3} more` : text;
}

const pathOf = (record: JournalRecord) => {
  // Most requests have no query: their path is the line's.
  let any = false;
  for (const _name in record.query) {
    any = true;
    break;
  }
  if (!any) return record.path;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(record.query)) for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  const query = search.toString();
  return `${record.path}${query ? `?${query}` : ""}`;
};

/** Two and three digits of every number below 100 and 1000: a time of day without a Date. */
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** `HH:mm:ss.SSS` (UTC) of an epoch time in ms: what `toISOString().slice(11, 23)` gives. */
function timeOfDay(ms: number): string {
  const day = ((ms % 86_400_000) + 86_400_000) % 86_400_000;
  const seconds = Math.floor(day / 1000);
  return `${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}.${THREE[day % 1000]}`;
}

/** `log` for createMockServer's options, and `flush`, which writes what is still held (before an exit). */
export interface RequestLog {
  (session: string, record: JournalRecord): void;
  flush(): void;
}

/**
 * Lines written together once per turn of the event loop: one write for every request answered
 * in that turn, as the answers themselves are written (a write per line cost a system call per
 * request under load).
 */
function batched(stream: NodeJS.WritableStream): { write(line: string): void; pieces(): string[]; flush(): void } {
  let held: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (held.length === 0) return;
    const text = held.join("");
    held = [];
    stream.write(text);
  };
  const pieces = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
    return held;
  };
  return {
    write(line) {
      pieces().push(line);
    },
    /** Where a line's pieces go, in order (joined once, when the turn's lines are written). */
    pieces,
    flush,
  };
}

/** A logger for `log` in createMockServer's options. */
export function requestLogger(options: RequestLogOptions): RequestLog {
  const stream = options.stream ?? process.stdout;
  const out = batched(stream);
  if (options.format === "json") {
    // pino formats each request as one JSON line; the lines go out batched as the text ones do.
    const logger = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, { write: (line: string) => out.write(line) });
    // `time` is the real time; `mockTime` the mock's clock when the request arrived.
    const log = (session: string, record: JournalRecord) =>
      logger.info(
        {
          session,
          mockTime: new Date(record.at).toISOString(),
          vendor: record.vendor,
          operationId: record.operationId,
          method: record.method,
          path: pathOf(record),
          status: record.status,
          durationMs: record.durationMs,
          outcome: record.outcome,
          ...(record.violations.length > 0
            ? { violations: record.violations.map((v) => ({ location: v.location, pointer: v.pointer, rule: v.rule, message: v.message })) }
            : {}),
          ...(record.warnings?.length ? { ignored: record.warnings.map((v) => v.pointer) } : {}),
        },
        "request",
      );
    return Object.assign(log, { flush: out.flush });
  }
  const color = options.color ?? (stream.isTTY === true && !process.env["NO_COLOR"]);
  // Node's own table of ANSI styles (styleText itself leaves the colours out when stdout is no terminal),
  // read once: each style's opening and closing codes, empty without colours.
  const style = (name: "dim" | "cyan" | "green" | "yellow" | "red"): [string, string] => {
    const codes = inspect.colors[name];
    return color && codes ? [`\u001b[${codes[0]}m`, `\u001b[${codes[1]}m`] : ["", ""];
  };
  const [dim, undim] = style("dim");
  const [cyan, uncyan] = style("cyan");
  const statusStyles = { green: style("green"), yellow: style("yellow"), red: style("red") };
  const log = (session: string, record: JournalRecord) => {
    // The real time of day (UTC), not the mock's clock, which a test may hold still.
    const time = timeOfDay(Date.now());
    const status = record.status === 0 ? "drop" : String(record.status);
    const [open, close] = statusStyles[record.status >= 500 || record.status === 0 ? "red" : record.status >= 400 ? "yellow" : "green"];
    const violations = shortViolations(record);
    // The line's pieces go to the batch as they are (no string made per line).
    const line = out.pieces();
    line.push(dim, time, undim, " ", cyan, "[", session, "]", uncyan, " ", record.vendor, " ", record.method, " ", pathOf(record), " ");
    line.push(open, status, close, " ", dim, record.durationMs.toFixed(1), "ms", undim);
    if (violations) line.push(" ", statusStyles.red[0], "✗ ", violations, statusStyles.red[1]);
    line.push("\n");
  };
  return Object.assign(log, { flush: out.flush });
}
