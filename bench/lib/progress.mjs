// The benchmark's progress while it runs: the plan of steps with a rough length each (from the
// settings), which step it is in, the time elapsed and roughly how long is left. On a terminal a
// status line on stderr is redrawn every second; elsewhere a line is printed at each step and
// every 30 s.

const clock = (s) => {
  const whole = Math.max(0, Math.round(s));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
};

/**
 * Seconds left: the estimates of the steps not begun, plus what is left of the current one's
 * (never below nothing), scaled by how the steps done so far compared with their estimates
 * (between half and twice: a run on a busy machine takes longer throughout).
 */
export function timeLeft(steps, index, inStepS, doneS) {
  const estimated = steps.slice(0, index).reduce((sum, s) => sum + s.seconds, 0);
  const pace = estimated > 0 && doneS > 0 ? Math.min(2, Math.max(0.5, doneS / estimated)) : 1;
  const current = steps[index] ? Math.max(0, steps[index].seconds * pace - inStepS) : 0;
  return current + steps.slice(index + 1).reduce((sum, s) => sum + s.seconds * pace, 0);
}

/** A progress display over `steps` ({ name, seconds } each); `step(name)` begins the next one. */
export function createProgress(steps, { stream = process.stderr, began = performance.now() } = {}) {
  let index = -1;
  let stepBegan = began;
  let detail = "";
  const tty = Boolean(stream.isTTY);
  const status = () => {
    const now = performance.now();
    const elapsed = (now - began) / 1000;
    const left = timeLeft(steps, index, (now - stepBegan) / 1000, (stepBegan - began) / 1000);
    const step = steps[index];
    return `step ${index + 1} of ${steps.length}: ${step?.name ?? "…"}${detail ? ` (${detail})` : ""}, ${clock(elapsed)} elapsed, about ${clock(left)} left`;
  };
  const show = () => {
    if (index < 0) return;
    if (tty) stream.write(`\r\x1b[K${status()}`);
    else stream.write(`[progress] ${status()}\n`);
  };
  const timer = setInterval(show, tty ? 1000 : 30_000);
  timer.unref();
  return {
    step(name) {
      index = Math.min(index + 1, steps.length - 1);
      if (steps[index].name !== name) throw new Error(`progress: step "${name}" is not the plan's next one ("${steps[index].name}")`);
      stepBegan = performance.now();
      detail = "";
      show();
    },
    /** What the current step is doing now (a round, a server). */
    detail(text) {
      detail = text;
    },
    /** A log line that does not garble the status line. */
    clearLine() {
      if (tty) stream.write("\r\x1b[K");
    },
    /** Redraws the status line after a log line (on a terminal; elsewhere the lines say enough). */
    redraw() {
      if (tty) show();
    },
    done() {
      clearInterval(timer);
      if (tty) stream.write("\r\x1b[K");
    },
  };
}
