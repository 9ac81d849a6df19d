// awork's filterby language (filter.ts, developers.awork.com/filtering): which records of a small table each filter selects,
// the documented operators (in, tolower, today±Nd, any, count), and the positioned errors for bad filters.
import { describe, expect, test } from "vitest";
import { compileFilter, type FilterOptions } from "../../../src/vendors/awork/filter.js";

const FIELDS = ["id", "createdOn", "createdBy", "updatedOn", "updatedBy", "userId", "taskId", "startDate", "endDate", "plannedDuration"];
const ME = "aaaaaaaa-0000-4000-8000-000000000001";
const OTHER = "bbbbbbbb-0000-4000-8000-000000000002";
const TASK = "cccccccc-0000-4000-8000-000000000003";
// Wednesday 16 March 2022: this week runs 14–20 March, this month 1–31 March.
const NOW = new Date("2022-03-16T10:00:00Z");
const options = { fields: FIELDS, me: ME, now: NOW };

function schedule(name: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    name,
    id: `00000000-0000-4000-8000-00000000000${name}`,
    createdOn: "2022-03-01T08:00:00Z",
    createdBy: ME,
    updatedOn: "2022-03-01T08:00:00Z",
    updatedBy: ME,
    userId: ME,
    taskId: TASK,
    startDate: "2022-03-01T09:00:00Z",
    endDate: "2022-03-01T10:00:00Z",
    plannedDuration: 3600,
    ...fields,
  };
}

// `name` is not a filterable field: it only labels the records for the expectations.
const RECORDS = [
  schedule("a", {}),
  // Upper-case uuid and a +01:00 zone: 13:30+01:00 is 12:30Z.
  schedule("b", {
    userId: OTHER.toUpperCase(),
    startDate: "2022-03-15T13:30:00+01:00",
    endDate: "2022-03-15T15:30:00+01:00",
    plannedDuration: 7200,
  }),
  schedule("c", { userId: OTHER, startDate: "2022-04-01T00:00:00Z", endDate: "2022-04-01T00:30:00Z", plannedDuration: 1800 }),
  schedule("d", { startDate: "2022-02-28T23:59:59.999Z", endDate: null, plannedDuration: 0, updatedBy: OTHER }),
  // Zoneless date-times are UTC.
  schedule("e", { startDate: "2022-03-20T23:59:59.999", endDate: "2022-03-21T00:00:00", plannedDuration: 60, taskId: undefined }),
];

function select(filter: string): string {
  const result = compileFilter(filter, options);
  if (!result.ok) throw new Error(result.message);
  return RECORDS.filter(result.predicate)
    .map((r) => r["name"])
    .join("");
}

function errorOf(filter: string): string {
  const result = compileFilter(filter, options);
  if (result.ok) throw new Error(`"${filter}" compiled`);
  return result.message;
}

describe("matching", () => {
  const cases: [string, string][] = [
    // uuids: guid literal, plain uuid string, me.id, case-insensitive.
    [`userId eq guid'${OTHER}'`, "bc"],
    [`userId eq '${OTHER.toUpperCase()}'`, "bc"],
    [`userId ne guid'${OTHER}'`, "ade"],
    ["userId eq me.id", "ade"],
    ["not userId eq me.id", "bc"],
    [`updatedBy eq guid'${OTHER}'`, "d"],
    ["id gt guid'00000000-0000-4000-8000-00000000000b'", "cde"],
    ["id le '00000000-0000-4000-8000-00000000000b'", "ab"],
    // date-times compare as instants, whatever zone the record or literal is written in.
    ["startDate ge datetime'2022-03-01T00:00' and startDate lt datetime'2022-04-01T00:00'", "abe"],
    ["startDate eq datetime'2022-03-15T12:30:00Z'", "b"],
    ["startDate eq datetime'2022-03-15T14:30+02:00'", "b"],
    ["startDate eq '2022-03-15T13:30:00+01:00'", "b"],
    ["startDate lt datetime'2022-03-01T00:00:00.000Z'", "d"],
    ["startDate eq datetime'2022-02-28T23:59:59.999'", "d"],
    ["startDate gt datetime'2022-03-20T23:59:59.998Z'", "ce"],
    ["startDate gt '2022-04-01t00:00:00z'", ""],
    // special terms against now = Wed 2022-03-16T10:00Z; weeks start Monday, ends are the last millisecond.
    ["startDate lt now", "abd"],
    ["startDate ge today", "ce"],
    ["startDate ge sow and startDate le eow", "be"],
    ["startDate ge sow and startDate lt eow", "b"],
    ["startDate ge som and startDate le eom", "abe"],
    ["startDate gt eom", "c"],
    ["startDate lt som", "d"],
    ["startDate ge SOW AND startDate LE EOW", "be"],
    // numbers of every literal form.
    ["plannedDuration ge 3600", "ab"],
    ["plannedDuration eq 3600L", "a"],
    ["plannedDuration lt 60.5M", "de"],
    ["plannedDuration gt 1799.5f", "abc"],
    ["plannedDuration le 1.8e3", "cde"],
    ["plannedDuration eq 0x3c", "e"],
    ["plannedDuration gt -1", "abcde"],
    ["plannedDuration eq 0", "d"],
    ["plannedDuration ne 3600", "bcde"],
    // null: a missing value counts as null; ne of a value passes a null record.
    ["endDate eq null", "d"],
    ["endDate ne null", "abce"],
    ["taskId eq null", "e"],
    [`taskId ne guid'${TASK}'`, "e"],
    ["endDate lt datetime'2022-03-02T00:00'", "a"],
    // string functions work on the text, case-insensitively.
    ["startswith(userId,'BBBB')", "bc"],
    ["endswith(id,'00c')", "c"],
    ["substringof('-03-15',startDate)", "b"],
    ["startswith(startDate,'2022-03-01t')", "a"],
    ["substringof('it''s',id)", ""],
    ["startswith(userId,'bbbb') eq true", "bc"],
    ["startswith(userId,'bbbb') eq false", "ade"],
    ["startswith(userId,'bbbb') ne true", "ade"],
    ["not startswith(userId,'bbbb')", "ade"],
    ["StartsWith ( userId , 'bbbb' )", "bc"],
    // precedence: not > and > or; parentheses override.
    ["plannedDuration eq 0 or plannedDuration eq 60 and userId eq me.id", "de"],
    ["plannedDuration eq 7200 or plannedDuration eq 3600 and userId eq me.id", "ab"],
    ["(plannedDuration eq 7200 or plannedDuration eq 3600) and userId eq me.id", "a"],
    ["userId eq me.id and plannedDuration eq 0 or plannedDuration eq 7200", "bd"],
    ["not plannedDuration eq 0 or plannedDuration eq 0", "abcde"],
    ["not plannedDuration eq 0 and not plannedDuration eq 60", "abc"],
    ["not (plannedDuration eq 0 or plannedDuration eq 60)", "abc"],
    ["not not plannedDuration eq 0", "d"],
    ["((plannedDuration gt 0)) and (((userId eq me.id)))", "ae"],
    ["plannedDuration gt 100 and plannedDuration lt 5000 or startDate gt now", "ace"],
    // case-insensitive keywords and property names; free whitespace.
    ["PLANNEDDURATION GE 3600 Or UserID EQ ME.ID", "abde"],
    ["  plannedDuration\teq\n3600  ", "a"],
    // in: any of the listed values, each typed as eq types it (Filtering page: `t/name in ('Draft','In Progress')`).
    [`userId in (guid'${OTHER}',guid'${ME}')`, "abcde"],
    ["userId in (me.id)", "ade"],
    ["plannedDuration in (3600, 60L)", "ae"],
    ["startDate in (today-1d,datetime'2022-03-01T09:00')", "ab"],
    ["taskId in (null)", "e"],
    ["not plannedDuration IN (0,60)", "abc"],
    // tolower(property) compares the property's text, lowercased (Filtering page: `tolower(name) eq 'website'`).
    [`tolower(userId) eq '${OTHER}'`, "bc"],
    ["tolower(startDate) eq '2022-03-01t09:00:00z'", "a"],
    ["startswith(tolower(userId),'bbbb')", "bc"],
    [`tolower(userId) in ('${OTHER}','nobody')`, "bc"],
    // today and today±Nd (Filtering page: `dueOn gt today-30d`, `dueOn gt today+5d`) name whole days:
    // eq matches the day, the other operators compare with its first instant. now is Wed 2022-03-16T10:00Z.
    ["startDate eq today-1d", "b"],
    ["startDate ne today-1d", "acde"],
    ["startDate eq today+4d", "e"],
    ["startDate eq today", ""],
    ["startDate ge today-15d", "abce"],
    ["startDate lt today-15d", "d"],
    ["startDate gt today+16d", ""],
    ["startDate ge TODAY+16D", "c"],
  ];
  test.each(cases)("%s → %s", (filter, expected) => {
    expect(select(filter)).toBe(expected);
  });
});

describe("errors name what went wrong and where", () => {
  const cases: [string, string][] = [
    ["not startDate 42", 'at position 14: expected an operator after "startDate" (eq, ne, gt, ge, lt, le, in), got "42"'],
    ["startDate", 'at position 9: expected an operator after "startDate" (eq, ne, gt, ge, lt, le, in), got the end of the filter'],
    ["", "at position 0: expected a condition, got the end of the filter"],
    ["   ", "at position 3: expected a condition, got the end of the filter"],
    ["title eq 'x'", `at position 0: unknown property "title" (filterable: ${FIELDS.join(", ")})`],
    ["startDate/year eq 2022", 'at position 0: unknown property "startDate/year" (task schedules have no nested properties)'],
    ["userId/any(u: u eq me.id)", 'at position 7: any needs a collection property; "userId" is not one (task schedules have none)'],
    ["members/any(m: m/firstName eq 'Neil')", 'at position 8: any needs a collection property; "members" is not one (task schedules have none)'],
    ["members/count() lt 10", 'at position 8: count needs a collection property; "members" is not one (task schedules have none)'],
    ["userId in guid'aaaaaaaa-0000-4000-8000-000000000001'", 'at position 10: expected "(" after "in", got "guid\'aaaaaaaa-0000-4000-8000-000000000001\'"'],
    ["plannedDuration in (1,2", 'at position 23: expected ")" to close the list after "in", got the end of the filter'],
    ["plannedDuration in (1,'2')", "at position 22: plannedDuration is a number: it compares with a number literal or null, not \"'2'\""],
    ["tolower(plannedDuration) eq '1'", "at position 8: tolower needs a text property; plannedDuration is a number"],
    [`tolower(userId) eq guid'${ME}'`, `at position 19: tolower(userId) is text: it compares with a '…' string or null, not "guid'${ME}'"`],
    ["tolower(userId eq 'x'", 'at position 15: expected ")" to close tolower(, got "eq"'],
    ["startDate gt now-1d", 'at position 13: only today takes a day offset (today-30d, today+5d), not "now-1d"'],
    ["userId eq 42", "at position 10: userId is a uuid: it compares with guid'…', a uuid string, me.id or null, not \"42\""],
    ["userId eq 'bob'", "at position 10: userId is a uuid: it compares with guid'…', a uuid string, me.id or null, not \"'bob'\""],
    ["userId eq now", "at position 10: userId is a uuid: it compares with guid'…', a uuid string, me.id or null, not \"now\""],
    [
      "startDate gt guid'aaaaaaaa-0000-4000-8000-000000000001'",
      "at position 13: startDate is a date-time: it compares with datetime'…', a date-time string, now, today, today±Nd, sow, eow, som, eom or null, not \"guid'aaaaaaaa-0000-4000-8000-000000000001'\"",
    ],
    [
      "startDate gt me.id",
      "at position 13: startDate is a date-time: it compares with datetime'…', a date-time string, now, today, today±Nd, sow, eow, som, eom or null, not \"me.id\"",
    ],
    ["plannedDuration eq '3600'", "at position 19: plannedDuration is a number: it compares with a number literal or null, not \"'3600'\""],
    ["plannedDuration eq true", 'at position 19: plannedDuration is a number: it compares with a number literal or null, not "true"'],
    ["endDate gt null", "at position 11: null compares only with eq or ne, not gt"],
    [
      "startDate eq datetime'2022-02-30T00:00'",
      'at position 13: invalid datetime literal "2022-02-30T00:00": expected YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]',
    ],
    [
      "startDate eq datetime'2022-03-01'",
      'at position 13: invalid datetime literal "2022-03-01": expected YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]',
    ],
    ["id eq guid'1234'", 'at position 6: invalid guid literal "1234": expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'],
    ["id eq binary'00'", "at position 6: unknown literal type \"binary'…'\" (known: datetime'…', guid'…')"],
    ["id eq 'abc", "at position 6: unterminated string: a ' is missing"],
    ["plannedDuration eq 12abc", 'at position 19: malformed number "12abc"'],
    ["plannedDuration eq 1.5L", 'at position 19: malformed number "1.5L": a long has no fraction or exponent'],
    ["plannedDuration eq 1.", 'at position 19: malformed number "1.": digits must follow the "."'],
    ["plannedDuration eq 0x1FF", 'at position 19: byte literal "0x1FF" is out of range (0x00 to 0xFF)'],
    ["plannedDuration eq 3600or plannedDuration eq 0", 'at position 19: malformed number "3600or"'],
    ["plannedDuration == 3600", 'at position 16: unexpected character "="'],
    ["plannedDuration eq", 'at position 18: expected a value after "eq", got the end of the filter'],
    ["plannedDuration eq createdBy", 'at position 19: expected a value after "eq", got "createdBy"'],
    ["plannedDuration eq 1 plannedDuration eq 2", 'at position 21: expected "and", "or" or the end of the filter, got "plannedDuration"'],
    ["plannedDuration eq 1 and", "at position 24: expected a condition, got the end of the filter"],
    ["(plannedDuration eq 1", 'at position 21: expected ")" to close the "(" at position 0, got the end of the filter'],
    ["plannedDuration eq 1)", 'at position 20: expected "and", "or" or the end of the filter, got ")"'],
    ["contains(userId,'a')", 'at position 0: unknown function "contains" (known: startswith, endswith, substringof, tolower)'],
    ["startswith(userId)", 'at position 17: expected "," after the first argument of startswith, got ")"'],
    ["startswith(userId,42)", "at position 18: startswith expects a '…' string here, got \"42\""],
    ["substringof(userId,'a')", "at position 12: substringof expects a '…' string here, got \"userId\""],
    ["startswith(plannedDuration,'3')", "at position 11: startswith needs a text property; plannedDuration is a number"],
    ["endswith(id,'a') eq 1", 'at position 20: endswith(…) compares only with true or false, not "1"'],
    ["startswith(nope,'a')", `at position 11: unknown property "nope" (filterable: ${FIELDS.join(", ")})`],
    ["userId eq me.id and ~", 'at position 20: unexpected character "~"'],
    // Lexical errors come out left to right too: the syntax error before the "~" wins.
    ["userId eq eq ~", 'at position 10: expected a value after "eq", got "eq"'],
  ];
  test.each(cases)("%s", (filter, message) => {
    expect(errorOf(filter)).toBe(message);
  });

  test("deep nesting is refused, not a stack overflow", () => {
    expect(errorOf(`${"(".repeat(5000)}plannedDuration eq 1${")".repeat(5000)}`)).toBe(
      "at position 100: the filter nests deeper than 100 levels",
    );
    expect(errorOf(`${"not ".repeat(5000)}plannedDuration eq 1`)).toMatch(/^at position 400: the filter nests deeper/);
  });
});

describe("any and count over a collection property (Filtering page: projects and their members)", () => {
  const lambdaOptions: FilterOptions = {
    fields: ["name", "members", "tags"],
    me: ME,
    now: NOW,
    collections: { members: { firstName: "text", joinedOn: "datetime" }, tags: { name: "text" } },
  };
  const PROJECTS = [
    { name: "1", members: [{ firstName: "Neil", joinedOn: "2022-03-15T09:00:00Z" }, { firstName: "Anna" }], tags: [{ name: "Draft" }] },
    { name: "2", members: [{ firstName: "Bob", joinedOn: "2021-01-01T00:00:00Z" }], tags: [{ name: "In Progress" }, { name: "x" }] },
    { name: "3", members: [], tags: [] },
    { name: "4" },
  ];
  const pick = (filter: string) => {
    const result = compileFilter(filter, lambdaOptions);
    if (!result.ok) throw new Error(result.message);
    return PROJECTS.filter(result.predicate)
      .map((p) => p.name)
      .join("");
  };
  const errorIn = (filter: string) => {
    const result = compileFilter(filter, lambdaOptions);
    return result.ok ? "compiled" : result.message;
  };

  test.each([
    ["members/any(p: p/firstName eq 'Neil')", "1"],
    ["members/any(l: l/firstName eq 'Neil') eq false", "234"],
    ["not members/any(m: m/firstName eq 'neil')", "234"],
    ["members/any()", "12"],
    ["members/count() lt 10", "1234"],
    ["members/count() lt 1", "34"],
    ["members/count(m: m/firstName eq 'Neil') gt 0", "1"],
    ["members/all(m: m/firstName in ('Neil','Anna'))", "134"],
    ["tags/any(t: t/name in ('Draft','In Progress'))", "12"],
    ["members/any(m: m/joinedOn ge today-1d and startswith(tolower(m/firstName),'n'))", "1"],
    ["MEMBERS/ANY(M: M/FIRSTNAME EQ 'BOB') or tags/count() eq 0", "234"],
  ])("%s → %s", (filter, expected) => {
    expect(pick(filter)).toBe(expected);
  });

  test.each([
    ["members eq 'Neil'", 'at position 0: "members" is a collection: use members/any(…) or members/count(…)'],
    ["members/any(m: firstName eq 'Neil')", 'at position 15: inside members/…(m: …) a property is read through "m/", not "firstName"'],
    ["members/any(m: m eq 'Neil')", 'at position 15: "m": name one property of the items of members, as m/name'],
    ["members/any(m: m/age eq 3)", "at position 15: unknown property \"age\" of the items of members (known: firstName, joinedOn)"],
    ["members/any(m m/firstName eq 'x')", 'at position 14: expected ":" after the variable of any(, got "m"'],
    ["members/any(m: m/firstName eq 'x'", 'at position 33: expected ")" to close any(, got the end of the filter'],
    ["members/count() lt 'ten'", "at position 19: members/count(…) is a number: it compares with a number literal, not \"'ten'\""],
    ["members/count() lt", 'at position 18: expected a value after "lt", got the end of the filter'],
    ["members/any(m: m/firstName eq 'x') eq 1", 'at position 38: members/any(…) compares only with true or false, not "1"'],
    ["members/any(m: tags/any(t: t/name eq 'x'))", "at position 20: any cannot be nested inside members/…(m: …)"],
    ["name/any(n: n/x eq 1)", 'at position 5: any needs a collection property; "name" is not one (collections: members, tags)'],
  ])("%s", (filter, message) => {
    expect(errorIn(filter)).toBe(message);
  });
});

describe("every filter of the Filtering page compiles, over properties of the types its examples compare", () => {
  const docsOptions: FilterOptions = {
    fields: ["id", "firstName", "name", "birthDate", "plannedDuration", "duration", "dueOn"],
    kinds: { id: "uuid", birthDate: "datetime", dueOn: "datetime", plannedDuration: "number", duration: "number" },
    me: ME,
    now: NOW,
    collections: { members: { firstName: "text" }, lists: { name: "text" }, tags: { name: "text" } },
  };
  // Each example as the page writes it, URL decoding done (`'awork %26 co'` is `'awork & co'`).
  test.each([
    "firstName eq 'Sebastian'",
    "name eq 'awork & co'",
    "name eq 'user''s task'",
    "not firstName eq 'Sebastian'",
    "plannedDuration le 200 and plannedDuration gt 3.5",
    "plannedDuration le 200 or plannedDuration gt 300",
    "lists/any(l: l/name eq 'Draft') eq false",
    "duration le 6000 and duration gt 1000",
    "birthDate ge datetime'2018-04-03T00:00'",
    "id eq guid'12345678-aaaa-bbbb-cccc-ddddeeeeffff'",
    "firstName eq 'Neil'",
    "firstName ne 'Neil'",
    "endswith(firstName,'Neil')",
    "startswith(firstName,'Neil')",
    "substringof('Neil',firstName)",
    "birthDate gt datetime'2018-04-03T00:00'",
    "birthDate lt datetime'2018-04-03T00:00'",
    "birthDate le datetime'2018-04-03T00:00'",
    "tags/any(t: t/name in ('Draft','In Progress'))",
    "members/any(p: p/firstName eq 'Neil')",
    "members/count() lt 10",
    "members/count(m: m/firstName eq 'Neil') gt 0",
    "tolower(name) eq 'website'",
    "id eq me.id",
    "dueOn lt now",
    "dueOn gt sow",
    "dueOn gt eow",
    "dueOn gt som",
    "dueOn lt eom",
    "dueOn eq today",
    "dueOn gt today-30d",
    "dueOn gt today+5d",
  ])("%s", (filter) => {
    const result = compileFilter(filter, docsOptions);
    expect(result.ok ? "compiled" : result.message).toBe("compiled");
  });

  test("the type literals of the page's table compile against a property of their type", () => {
    const literals: [string, string][] = [
      ["name", "null"],
      ["plannedDuration", "0x22"],
      ["birthDate", "datetime'2000-12-12T12:00'"],
      ["plannedDuration", "2.345M"],
      ["plannedDuration", "2.029"],
      ["plannedDuration", "2.0f"],
      ["id", "guid'12345678-aaaa-bbbb-cccc-ddddeeeeffff'"],
      ["plannedDuration", "32"],
      ["plannedDuration", "64L"],
      ["name", "'Hello awork'"],
    ];
    for (const [field, literal] of literals) {
      const result = compileFilter(`${field} eq ${literal}`, docsOptions);
      expect(result.ok ? "compiled" : result.message, literal).toBe("compiled");
    }
  });
});

describe("robustness", () => {
  // A seeded generator so that a failure reproduces.
  function random(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const FRAGMENTS = [
    "startDate",
    "userId",
    "plannedDuration",
    "id",
    "nope",
    "a/b",
    " ",
    " ",
    "eq",
    "ne",
    "gt",
    "le",
    "and",
    "or",
    "not",
    "(",
    ")",
    ",",
    "/",
    "'",
    "''",
    "'x'",
    "datetime'",
    "datetime'2022-03-01T00:00'",
    "guid'",
    `guid'${ME}'`,
    `'${OTHER}'`,
    "0x",
    "0x22",
    "1.5M",
    "64L",
    "2.0f",
    "-",
    "-7",
    "1e",
    "me.id",
    "now",
    "eow",
    "null",
    "true",
    "startswith(",
    "endswith(",
    "substringof(",
    "any(",
    "/any(x: ",
    "/count()",
    " in (",
    "tolower(",
    "today-30d",
    "today+",
    ":",
    "\u00e9",
    "\u{1F600}",
    "\0",
    "%27",
  ];

  function check(filter: string): void {
    const result = compileFilter(filter, options);
    if (result.ok) {
      for (const record of [...RECORDS, {}, { startDate: 5, userId: {}, plannedDuration: "x" }]) {
        expect(typeof result.predicate(record)).toBe("boolean");
      }
    } else {
      const match = /^at position (\d+): ./.exec(result.message);
      expect(match, result.message).not.toBeNull();
      expect(Number(match?.[1])).toBeLessThanOrEqual(filter.length);
    }
  }

  test("random token soup never throws and errors always carry a position within the input", () => {
    const next = random(42);
    for (let n = 0; n < 3000; n++) {
      let filter = "";
      const length = Math.floor(next() * 12);
      for (let k = 0; k < length; k++) filter += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? "";
      check(filter);
    }
  });

  test("random characters never throw", () => {
    const next = random(7);
    for (let n = 0; n < 2000; n++) {
      let filter = "";
      const length = Math.floor(next() * 40);
      for (let k = 0; k < length; k++) filter += String.fromCharCode(Math.floor(next() * 0x250));
      check(filter);
    }
  });

  test("every prefix and single-character mutation of valid filters is handled", () => {
    const next = random(3);
    const valid = [
      "startDate ge datetime'2022-03-01T00:00' and startDate lt datetime'2022-04-01T00:00' and plannedDuration ge 3600",
      `not (userId eq me.id or substringof('it''s',taskId)) and id ne guid'${OTHER}'`,
      "startswith(userId,'bbbb') eq false or plannedDuration le 0x3c",
    ];
    for (const filter of valid) {
      expect(compileFilter(filter, options).ok).toBe(true);
      for (let end = 0; end <= filter.length; end++) check(filter.slice(0, end));
      for (let n = 0; n < 300; n++) {
        const at = Math.floor(next() * filter.length);
        const char = String.fromCharCode(32 + Math.floor(next() * 95));
        check(filter.slice(0, at) + filter.slice(at + 1));
        check(filter.slice(0, at) + char + filter.slice(at));
      }
    }
  });

  test("the predicate tolerates records of the wrong shape", () => {
    const result = compileFilter("startDate gt now or userId eq me.id or plannedDuration gt 1 or startswith(taskId,'c')", options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.predicate({})).toBe(false);
    expect(result.predicate({ startDate: "not a date", userId: 5, plannedDuration: "7", taskId: null })).toBe(false);
    expect(result.predicate({ startDate: "2099-01-01T00:00:00Z" })).toBe(true);
  });

  test("a caller-added field outside the task schedule's types matches as case-insensitive text", () => {
    const result = compileFilter("Title eq 'Plan' or startswith(title,'x')", { ...options, fields: [...FIELDS, "title"] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([{ title: "PLAN" }, { title: "xy" }, { title: "plan b" }, {}].map(result.predicate)).toEqual([true, true, false, false]);
  });
});
