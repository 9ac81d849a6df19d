// Task ids (sequence.ts): one sequence across chains, a deleted id never given again, and the
// high-water mark kept as state (`_sequences`) that a reset empties.
import { beforeEach, describe, expect, test } from "vitest";
import type { MockApp } from "../../../src/index.js";
import { mockOf } from "../../helpers/mock.js";
import { C1765, createBody, NEXT_ID, segment, spaazaClient, type Task } from "./client.js";

let app: MockApp;
beforeEach(() => {
  app = mockOf("spaaza");
});
const { send } = spaazaClient(() => app);

describe("spaaza tasks: the stateful sequence", () => {
  test("ids come from one sequence across chains and a deleted id is never given again, until a reset", async () => {
    const first = (await send("POST", "/tasks", createBody)).body as Task;
    expect(first.id).toBe(NEXT_ID);
    const other = (await send("POST", "/tasks", { ...createBody, chain: 1765 }, C1765)).body as Task;
    expect(other.id).toBe(NEXT_ID + 1);
    expect((await send("DELETE", `/tasks/${other.id}`, undefined, C1765)).status).toBe(204);
    expect((await send("DELETE", `/tasks/${first.id}`)).status).toBe(204);
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID + 2);

    // The highest fixture task deleted before any create: its id is not reused either.
    await send("POST", "/__admin/reset");
    expect((await send("DELETE", "/tasks/12390")).status).toBe(204);
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID);

    // A reset starts the sequence over from the fixtures.
    await send("POST", "/__admin/reset");
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID);
  });

  test("the id sequence is state: a _sequences record after a create or delete, gone after a reset; a refused create takes no id", async () => {
    const sequence = async () => ((await send("GET", "/__admin/state/spaaza")).body as { _sequences: unknown[] })._sequences;
    expect(await sequence()).toEqual([]);
    const refused = await send("POST", "/tasks", { ...createBody, trigger: { ...createBody.trigger, segment: segment(1765) } });
    expect(refused.status).toBe(400);
    expect(await sequence()).toEqual([]);
    const first = (await send("POST", "/tasks", createBody)).body as Task;
    expect(await sequence()).toEqual([{ name: "tasks", highest: first.id }]);
    await send("DELETE", `/tasks/${first.id}`);
    expect(await sequence()).toEqual([{ name: "tasks", highest: first.id }]);
    await send("POST", "/__admin/reset");
    expect(await sequence()).toEqual([]);
    expect(((await send("POST", "/tasks", createBody)).body as Task).id).toBe(NEXT_ID);
  });
});
