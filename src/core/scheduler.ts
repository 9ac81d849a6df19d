// The one scheduler: for each vendor with scheduled work, how far its work has run and when its
// next work can be due. The vendor says what runs between two instants and when each record next
// has work (VendorSchedule); this file alone decides when to ask.
//
// Invariants:
// - once work has run, `ranThrough` only moves forward: a stretch of mock time is run once. A
//   clock set back runs nothing until it passes `ranThrough` again, so no fire time runs twice.
//   Until work has run (a new mock, or one just reset), the timeline follows the clock both ways:
//   nothing has run that could run twice.
// - nothing is due in (ranThrough, horizon): `horizon` is the minimum of the vendor's dueAfter
//   over every record after a run, lowered by every committed write (a deleted record can only
//   make it later, so it is left as it is: a run that finds nothing recomputes it). -Infinity
//   means "not known": the next look runs the work and finds it.
import type { Faker } from "@faker-js/faker";
import type { RunFault, VendorSchedule } from "../engine/vendor.js";
import type { Store, Transaction } from "../store/store.js";

export interface Timeline {
  ranThrough: number;
  horizon: number;
  /** Whether any work has run since the mock started or was reset. */
  ran: boolean;
}

export function newTimeline(at: number): Timeline {
  return { ranThrough: at, horizon: Number.NEGATIVE_INFINITY, ran: false };
}

/** The clock was set: a timeline that has run nothing yet goes back with it (forward, the work in between runs). */
export function clockSet(timeline: Timeline, at: number): void {
  if (!timeline.ran && at < timeline.ranThrough) timeline.ranThrough = at;
}

/** Runs the vendor's work due up to `to` (epoch ms), in one transaction of its store. */
export function catchUp(schedule: VendorSchedule, timeline: Timeline, store: Store, to: number, faker: () => Faker, runFault: RunFault): void {
  if (to <= timeline.ranThrough) return;
  if (to < timeline.horizon) {
    timeline.ranThrough = to;
    return;
  }
  timeline.ran = true;
  const tx = store.begin();
  schedule.run({ state: tx, faker: faker(), runFault }, new Date(timeline.ranThrough), new Date(to));
  tx.commit();
  timeline.ranThrough = to;
  let horizon = Number.POSITIVE_INFINITY;
  for (const name of store.names()) {
    for (const record of store.collection(name).all()) {
      const due = schedule.dueAfter(name, record, to, store);
      if (due < horizon) horizon = due;
    }
  }
  timeline.horizon = horizon;
}

/** Lowers the horizon to the earliest work of the records a request wrote. */
export function noteCommit(schedule: VendorSchedule, timeline: Timeline, store: Store, tx: Transaction): void {
  for (const { collection, record } of tx.written()) {
    if (record === undefined) continue;
    const due = schedule.dueAfter(collection, record, timeline.ranThrough, store);
    if (due < timeline.horizon) timeline.horizon = due;
  }
}
