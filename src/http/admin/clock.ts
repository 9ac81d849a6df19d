// /__admin/clock: the mock's time; POST sets or advances it, running the scheduled work it passes.
import { parseDuration } from "../../engine/clock.js";
import { type AdminApp, fail, jsonBody } from "./common.js";

export function clock(app: AdminApp): void {
  app.get("/__admin/clock", (c) => c.json({ now: c.var.mock.clock.now().toISOString(), fixed: c.var.mock.clock.fixed }));
  app.post("/__admin/clock", async (c) => {
    const mock = c.var.mock;
    const body = await jsonBody(c);
    if (!body.ok) return fail(c, "admin-bad-request", 400, body.detail);
    const input = body.value as { set?: unknown; advance?: unknown };
    const keys = Object.keys(input ?? {});
    if (typeof input !== "object" || input === null || keys.length !== 1 || !["set", "advance"].includes(keys[0] as string)) {
      return fail(c, "admin-bad-request", 400, 'send {"set": "<ISO 8601 time>"} or {"advance": "<ISO 8601 duration such as PT1H>" or milliseconds}');
    }
    if (input.set !== undefined) {
      const time = typeof input.set === "string" ? new Date(input.set) : new Date(Number.NaN);
      if (Number.isNaN(time.getTime())) return fail(c, "admin-bad-request", 400, `set: ${JSON.stringify(input.set)} is not an ISO 8601 time`);
      return c.json({ now: mock.clock.set(time).toISOString(), fixed: mock.clock.fixed });
    }
    const ms = typeof input.advance === "number" ? input.advance : typeof input.advance === "string" ? parseDuration(input.advance) : undefined;
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
      return fail(c, "admin-bad-request", 400, `advance: ${JSON.stringify(input.advance)} is not a non-negative duration (PT1H, P1D) or millisecond count`);
    }
    return c.json({ now: mock.clock.advance(ms).toISOString(), fixed: mock.clock.fixed });
  });
}
