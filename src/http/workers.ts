// taskmock serve --workers N: N processes serving one port (node:cluster). The primary process
// serves nothing itself: it starts the workers, prints one banner once every worker listens,
// hands a stop signal on to them and starts a new worker when one dies. The workers share one
// listening socket (the primary hands connections round-robin, Node's default on Linux), so they
// must share their state too: more than one worker needs a shared store (--store redis://…).
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";

/** A message between the primary and a worker: a worker's banner once it listens, or the primary asking it to stop. */
type WorkerMessage = { taskmock: "listening"; banner: string } | { taskmock: "stop" };

const isMessage = (message: unknown): message is WorkerMessage =>
  typeof message === "object" && message !== null && typeof (message as { taskmock?: unknown }).taskmock === "string";

/**
 * How many workers `--workers` asks for: a whole number from 1 (default 1) or `auto`, one per core
 * (`os.availableParallelism()`). Answers the problem, to be shown, when the value is neither, or
 * when more than one worker would run over the memory store, where each would keep state of its own.
 */
export function workerCount(value: string | undefined, store: string): number | { invalid: string } {
  if (value === undefined) return 1;
  const count = value === "auto" ? availableParallelism() : Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 1024) return { invalid: `--workers must be a whole number from 1 to 1024, or auto (one per core), not "${value}"` };
  if (count > 1 && store === "memory") {
    return {
      invalid:
        `--workers ${value} needs a shared store: over --store memory (the default) each worker would keep sessions of its own, ` +
        "and a client's requests, spread over the workers, would not see its own writes. Pass --store redis://HOST:PORT (Redis 7 or Valkey 7/8), or run one worker",
    };
  }
  return count;
}

/** Whether this process is one of the workers `serve --workers N` started. */
export const isWorker = (): boolean => cluster.isWorker;

/**
 * A worker's banner (the "taskmock listening on …" lines): printed by the process itself when it
 * serves alone; in a worker, handed to the primary, which prints the first one once all listen.
 */
export function announce(banner: string): void {
  if (cluster.isWorker && process.send) process.send({ taskmock: "listening", banner } satisfies WorkerMessage);
  else process.stdout.write(banner);
}

/** In a worker: `stop` runs when the primary asks (its SIGTERM or SIGINT) or goes away (killed). */
export function onPrimaryStop(stop: () => void): void {
  if (!cluster.isWorker) return;
  process.on("message", (message: unknown) => {
    if (isMessage(message) && message.taskmock === "stop") stop();
  });
  process.once("disconnect", stop);
}

/**
 * The primary of `serve --workers N`: starts N workers running the same command line, prints
 * the first worker's banner and the workers' process ids once all of them listen, and exits 1
 * when a worker fails before it listens (its own error on stderr: a port in use, a store that
 * cannot be reached). A worker that dies later is replaced. SIGTERM or SIGINT stop every worker
 * (killed past 10 s), then the primary exits (0 when every worker stopped cleanly).
 */
export function runWorkers(count: number): void {
  const ready = new Map<Worker, string>();
  // The workers not yet exited (cluster.workers may still hold one at its exit event, until its channel has closed too).
  const live = new Set<Worker>();
  let stopping = false;
  let failed = false;
  let announced = false;

  const start = () => {
    const worker = cluster.fork();
    live.add(worker);
    worker.on("message", (message: unknown) => {
      if (!isMessage(message) || message.taskmock !== "listening") return;
      ready.set(worker, message.banner);
      if (announced) {
        process.stdout.write(`taskmock: worker ${worker.process.pid} replaced one that stopped, listening\n`);
      } else if (ready.size === count) {
        announced = true;
        const pids = [...ready.keys()].map((w) => w.process.pid).join(", ");
        const [banner = ""] = ready.values();
        process.stdout.write(`${banner}  workers ${count} processes on one port (pids ${pids}; the primary is ${process.pid})\n`);
      }
    });
  };

  const stopAll = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`taskmock: ${signal}, stopping ${live.size} workers\n`);
    for (const worker of live) {
      if (worker.isConnected()) worker.send({ taskmock: "stop" } satisfies WorkerMessage);
    }
    // A worker that has not stopped in 10 s is killed: a stop never hangs.
    setTimeout(() => {
      for (const worker of live) worker.process.kill("SIGKILL");
    }, 10_000).unref();
  };

  cluster.on("exit", (worker, code, signal) => {
    live.delete(worker);
    const wasReady = ready.delete(worker);
    if (stopping) {
      if (code !== 0) failed = true;
      if (live.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (!wasReady) {
      // It never listened: its reason is on stderr, and another would fail the same way.
      process.stderr.write(`taskmock: a worker exited with ${signal ?? code} before it listened; stopping\n`);
      failed = true;
      stopAll("a worker failed");
      if (live.size === 0) process.exit(1);
      return;
    }
    process.stderr.write(`taskmock: worker ${worker.process.pid} exited with ${signal ?? code}; starting another\n`);
    start();
  });

  process.once("SIGTERM", () => stopAll("SIGTERM"));
  process.once("SIGINT", () => stopAll("SIGINT"));
  for (let i = 0; i < count; i++) start();
}
