// The example's one piece of logic across both vendors: refresh an Omni connection's schema an
// hour before an awork task schedule starts, every day, in UTC.
import type { aworkClient, OmniSchedule, omniClient } from "./clients.js";

/** The AWS EventBridge cron (Omni's format) of "every day, one hour before `start`", in UTC. */
export function dailyCronBefore(start: string, hours = 1): string {
  const at = new Date(new Date(start).getTime() - hours * 3_600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(at.getUTCMinutes())} ${two(at.getUTCHours())} * * ? *`;
}

export async function refreshBeforeTask(
  omni: ReturnType<typeof omniClient>,
  awork: ReturnType<typeof aworkClient>,
  connectionId: string,
  taskScheduleId: string,
): Promise<OmniSchedule> {
  const task = await awork.get(taskScheduleId);
  const schedule = dailyCronBefore(task.startDate);
  const existing = (await omni.list(connectionId)).find((s) => s.schedule === schedule && s.timezone === "UTC");
  return existing ?? omni.create(connectionId, { schedule, timezone: "UTC" });
}
