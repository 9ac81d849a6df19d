// Omni's stored records: the schema refresh schedules (the spec's Schedule, stored as answered)
// and the connections they belong to (kept only so that schedule paths can answer 404), with
// their collections.
import type { components } from "../../generated/omni.js";
import type { Collection, State } from "../../store/store.js";

export type Schedule = components["schemas"]["Schedule"];
export type Connection = components["schemas"]["Connection"];

export const schedules = (state: State): Collection<Schedule> => state.collection<Schedule>("schedules");
export const connections = (state: State): Collection<Connection> => state.collection<Connection>("connections");
