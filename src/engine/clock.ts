// The mock's clock: real time by default, or fixed with --clock and moved by the admin API.
// Everything the mock stamps (timestamps, journal times) and every scheduled run reads it.

export interface Clock {
  now(): Date;
  /** The same instant as now(), in epoch ms (no Date made). */
  ms(): number;
  /** Fixes the clock at a time; it stays there until moved again. */
  set(time: Date): void;
  /** Moves the clock forward by milliseconds (a fixed clock stays fixed). */
  advance(ms: number): void;
  readonly fixed: boolean;
  /** What the clock holds (a fixed time, or the offset from real time), as plain values; `load` puts it back. */
  state(): ClockState;
  load(state: ClockState): void;
}

export interface ClockState {
  fixedAt: number | null;
  offset: number;
}

export function createClock(start?: Date): Clock {
  let fixedAt: number | undefined = start?.getTime();
  let offset = 0;
  return {
    now: () => new Date(fixedAt ?? Date.now() + offset),
    ms: () => fixedAt ?? Date.now() + offset,
    set(time) {
      fixedAt = time.getTime();
    },
    advance(ms) {
      if (fixedAt !== undefined) fixedAt += ms;
      else offset += ms;
    },
    get fixed() {
      return fixedAt !== undefined;
    },
    state: () => ({ fixedAt: fixedAt ?? null, offset }),
    load(state) {
      fixedAt = state.fixedAt ?? undefined;
      offset = state.offset;
    },
  };
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO 8601 duration of weeks, days, hours, minutes and seconds (`P1D`, `PT90M`). */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const [, w, d, h, min, s] = m.map((part) => Number(part ?? 0));
  return ((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (min ?? 0)) * 60_000 + (s ?? 0) * 1000;
}
