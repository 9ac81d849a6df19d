// Omni's EventBridge cron grammar (src/vendors/omni/cron.ts), checked directly: every form the
// docs and fixtures use and the edges of every range accepted, and each refusal with its reason.
import { describe, expect, test } from "vitest";
import { checkCron } from "../../../src/vendors/omni/cron.js";

describe("EventBridge cron validation", () => {
  const valid = [
    // Omni's own examples, with the leading zeros they carry
    "00 09 * * ? *",
    "00 18 ? * MON-FRI *",
    "30 08 1 * ? *",
    // every fixture expression's feature
    "0/15 * * * ? *",
    "0 12 ? * 6L *",
    "0 12 ? * FRIL *",
    "0 12 ? * L *",
    "0/30 9-17 ? * MON-FRI *",
    "45 23 ? * SAT,SUN *",
    "0 */6 * * ? *",
    "15 3 ? * 2#1 *",
    "0 9 ? * MON#5 *",
    "0 9 ? * WED *",
    "0 9 ? * WED#2 *",
    "0 3 1 JAN,JUL ? *",
    "0 8-18/2 ? * MON-FRI *",
    "0 0 L * ? *",
    "0 9 15W * ? *",
    "0 9 1W * ? *",
    "0 0,12 * * ? *",
    "0 1 * * ? 2026",
    "0 11 28 * ? 2025-2027",
    "0 5 ? JAN-MAR MON *",
    "5 14 L FEB,AUG ? *",
    // the edges of every range
    "59 23 31 12 ? 2199",
    "0 0 ? 1 1 1970",
    "0 0 ? DEC 7 *",
    "0 0 ? * SUN-SAT *",
    "0 0 1/5 JAN/3 ? 2025/2",
    "0 0 * * ? */5",
    "0 0 * 2-11/3 ? *",
    "1,2,3 4,5 ? * MON,WED-FRI *",
  ];
  test.each(valid)("accepts %s", (expression) => {
    expect(checkCron(expression)).toEqual({ ok: true });
  });

  const invalid: [string, string][] = [
    ["0 9 * * 1-5", "Expected 6 fields in AWS EventBridge format"],
    ["0 0 9 * * ? *", "Expected 6 fields"],
    ["60 9 * * ? *", "minute field: 60 is outside 0-59"],
    ["0 24 * * ? *", "hour field: 24 is outside 0-23"],
    ["0 9 0 * ? *", "day-of-month field: 0 is outside 1-31"],
    ["0 9 32 * ? *", "day-of-month field: 32 is outside 1-31"],
    ["0 9 1 13 ? *", "month field: 13 is outside 1-12"],
    ["0 9 1 0 ? *", "month field: 0 is outside 1-12"],
    ["0 9 ? * 0 *", "day-of-week field: 0 is outside 1-7"],
    ["0 9 ? * 8 *", "day-of-week field: 8 is outside 1-7"],
    ["0 9 * * ? 1969", "year field: 1969 is outside 1970-2199"],
    ["0 9 * * ? 2200", "year field: 2200 is outside 1970-2199"],
    ["0 9 1 JUN-FOO ? *", "month field: FOO is not a value of this field (use 1-12 or JAN-DEC)"],
    ["0 9 ? * FUN *", "day-of-week field: FUN is not a value of this field (use 1-7 or SUN-SAT)"],
    ["0 9 ? MON * *", "month field: MON is not a value"],
    ["0 9 ? JAN JAN *", "day-of-week field: JAN is not a value"],
    // both, or neither, of the day fields is ?
    ["00 09 * * MON-FRI *", "Use ? in either the day-of-month or the day-of-week field"],
    ["0 9 1 * 2 *", "Use ? in either"],
    ["0 9 ? * ? *", "Only one of the day-of-month and day-of-week fields may be ?"],
    // ? where it is not allowed, or not alone
    ["? 9 * * ? *", "minute field: ? is allowed only in day-of-month and day-of-week"],
    ["0 9 ? * ? ?", "year field: ?"],
    ["0 9 1,? * ? *", "day-of-month field: ? must be the field's only expression"],
    // L, W, #
    ["0 9 ? * 3#1,6#3 *", "day-of-week field: an expression with # must be the field's only expression"],
    ["0 9 ? * 3#6 *", "day-of-week field: 6 in 3#6 is outside 1-5"],
    ["0 9 ? * 3#0 *", "outside 1-5"],
    ["0 9 ? * 9#1 *", "day-of-week field: 9 is outside 1-7"],
    ["0 9 1#2 * ? *", "day-of-month field: # is allowed only in day-of-week"],
    ["0 9 ? * 2W *", "day-of-week field: W is allowed only in day-of-month"],
    ["0 9 ? * WED#2W *", "day-of-week field"],
    ["0 9 * W ? *", "month field: W is allowed only in day-of-month"],
    ["0 9 32W * ? *", "day-of-month field: 32 is outside 1-31"],
    ["0 9 LW * ? *", "day-of-month field: LW is not valid"],
    ["0 9 1,L * ? *", "day-of-month field: 1,L is not valid"],
    ["0 9 L-2 * ? *", "day-of-month field"],
    ["L 9 * * ? *", "minute field: L is not a value"],
    ["0 9 ? * 8L *", "day-of-week field: 8 is outside 1-7"],
    // / and - and ,
    ["0 9 ? * SUN/2 *", "day-of-week field: / is not allowed"],
    ["0/0 9 * * ? *", "minute field: the increment in 0/0 must be a positive integer"],
    ["0/x 9 * * ? *", "must be a positive integer"],
    ["0/5/5 9 * * ? *", "has more than one /"],
    ["60/5 9 * * ? *", "minute field: 60 is outside 0-59"],
    ["0 9 ? * FRI-MON *", "day-of-week field: the range FRI-MON runs backwards"],
    ["0 17-9 * * ? *", "hour field: the range 17-9 runs backwards"],
    ["0 9 1-2-3 * ? *", "is not a range"],
    ["0 9 1- * ? *", "day-of-month field: a value is missing"],
    ["0,,5 9 * * ? *", "minute field: has an empty list item"],
    ["0 9 * jan ? *", "month field: jan is not a value"],
  ];
  test.each(invalid)("refuses %s (%s)", (expression, reason) => {
    const result = checkCron(expression);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain(reason);
  });
});
