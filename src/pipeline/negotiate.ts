// Stage 6, negotiation: the answer the request asked for (read at routing, see negotiation.ts):
// a documented response with its example or a generated body, or taskmock's problem for one the
// operation does not document.
import { forcedAnswer, problemAnswer } from "./answers.js";
import type { Exchange } from "./exchange.js";

export function negotiation(ex: Exchange): void {
  const choice = ex.negotiation;
  if (choice.kind === "none") return;
  if (choice.kind === "problem") {
    ex.answer = problemAnswer(choice, "forced");
    return;
  }
  ex.forced = true;
  ex.answer = forcedAnswer(ex, choice, "forced");
}
