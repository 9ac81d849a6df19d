// Omni's derived description (src/vendors/omni/description.ts): cronstrue's text with the zone's
// abbreviation in force at the write, and the zone checks it rests on (src/vendors/zones.ts, as
// Omni uses them); every fixture's description is the one the rules derive.
import { describe, expect, test } from "vitest";
import { checkCron } from "../../../src/vendors/omni/cron.js";
import { describeSchedule } from "../../../src/vendors/omni/description.js";
import { isKnownZone, zoneAbbreviation } from "../../../src/vendors/zones.js";
import { json, request } from "../../helpers/http.js";
import { mockOf } from "../../helpers/mock.js";
import { CONNECTION, state } from "./client.js";

describe("time zones and descriptions", () => {
  test("a zone is whatever Intl knows, links included", () => {
    for (const zone of ["America/New_York", "UTC", "Etc/UTC", "Etc/GMT+5", "US/Eastern", "Asia/Kolkata"])
      expect(isKnownZone(zone), zone).toBe(true);
    for (const zone of ["America/Boston", "Mars/Olympus", "EST5EDT_", "Europe/Lonodn"]) expect(isKnownZone(zone), zone).toBe(false);
  });

  test("the abbreviation is the one in force at the instant", () => {
    expect(zoneAbbreviation("America/New_York", new Date("2026-01-15T12:00:00Z"))).toBe("EST");
    expect(zoneAbbreviation("America/New_York", new Date("2026-07-15T12:00:00Z"))).toBe("EDT");
    expect(zoneAbbreviation("Europe/London", new Date("2026-01-15T12:00:00Z"))).toBe("GMT");
    expect(zoneAbbreviation("Europe/London", new Date("2026-07-15T12:00:00Z"))).toBe("GMT+1");
    expect(zoneAbbreviation("Asia/Tokyo", new Date("2026-07-15T12:00:00Z"))).toBe("GMT+9");
  });

  test("the abbreviation changes on the minute the clocks change, asked one after another", () => {
    // London goes to summer time at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October.
    const at = (iso: string) => zoneAbbreviation("Europe/London", new Date(iso));
    expect([at("2026-03-29T00:59:00Z"), at("2026-03-29T00:59:59.999Z"), at("2026-03-29T01:00:00Z")]).toEqual(["GMT", "GMT", "GMT+1"]);
    expect([at("2026-10-25T00:59:59.999Z"), at("2026-10-25T01:00:00Z"), at("2026-10-25T00:59:30Z")]).toEqual(["GMT+1", "GMT", "GMT+1"]);
  });

  test("omni-description-wording: the definition's example schedule is described in cronstrue's words, not as 'Runs daily at 2:00 AM EST'", async () => {
    const app = mockOf("omni");
    const body = JSON.stringify({ schedule: "0 2 * * ? *", timezone: "America/New_York" });
    const headers = { authorization: "Bearer taskmock-admin", "content-type": "application/json" };
    const create = () => request(app, `/api/v1/connections/${CONNECTION}/schedules`, { method: "POST", headers, body });
    expect(await json(create())).toMatchObject({ description: "At 02:00 AM EST" });
    expect((await request(app, "/__admin/clock", { method: "POST", body: JSON.stringify({ set: "2026-07-01T00:00:00Z" }) })).status).toBe(200);
    expect(await json(create())).toMatchObject({ description: "At 02:00 AM EDT" });
  });

  test("the same expression asked again gets the same verdict and text, refusals included", () => {
    for (let round = 0; round < 2; round++) {
      expect(describeSchedule("00 18 ? * * *", "Europe/London", new Date("2026-01-01T00:00:00Z"))).toEqual({ ok: true, description: "At 06:00 PM GMT" });
      expect(describeSchedule("00 18 ? * * *", "Europe/London", new Date("2026-07-01T00:00:00Z"))).toEqual({ ok: true, description: "At 06:00 PM GMT+1" });
      expect(checkCron("0 9 * * 1-5")).toMatchObject({ ok: false });
    }
  });

  test.each([
    ["00 18 ? * * *", "Europe/London", "2026-01-01T00:00:00Z", "At 06:00 PM GMT"],
    ["00 09 * * ? *", "America/New_York", "2026-07-01T00:00:00Z", "At 09:00 AM EDT"],
    ["00 09 * * ? *", "America/New_York", "2026-01-01T00:00:00Z", "At 09:00 AM EST"],
    ["0/15 * * * ? *", "America/New_York", "2024-04-09T13:27:40.300Z", "Every 15 minutes (EDT)"],
    [
      "0/30 9-17 ? * MON-FRI *",
      "Europe/London",
      "2025-02-03T08:15:00.000Z",
      "Every 30 minutes, between 09:00 AM GMT and 05:59 PM GMT, Monday through Friday",
    ],
    ["0 12 ? * 6L *", "America/New_York", "2025-07-08T12:41:18.207Z", "At 12:00 PM EDT, on the last Friday of the month"],
    ["15 3 ? * 2#1 *", "Europe/Berlin", "2025-04-15T09:02:51.730Z", "At 03:15 AM GMT+2, on the first Monday of the month"],
    ["0 */6 * * ? *", "UTC", "2024-08-01T00:00:00.000Z", "On the hour, every 6 hours (UTC)"],
  ])("%s in %s at %s reads %s", (schedule, zone, at, description) => {
    expect(describeSchedule(schedule, zone, new Date(at))).toEqual({ ok: true, description });
  });

  test("every fixture description is the one the rules derive at its updatedAt", async () => {
    const app = mockOf("omni");
    const { schedules } = (await state(app)) as {
      schedules: { schedule: string; timezone: string; description: string; updatedAt: string }[];
    };
    expect(schedules.length).toBeGreaterThan(20);
    for (const s of schedules) {
      expect(describeSchedule(s.schedule, s.timezone, new Date(s.updatedAt)), s.schedule).toEqual({ ok: true, description: s.description });
    }
  });
});

