// The list's `page` and `page_size` as Django REST Framework's PageNumberPagination reads them
// (rest_framework/pagination.py, Django's Paginator.validate_number): both go through Python's
// int() on the text, which allows surrounding whitespace, a sign, underscores between digits and
// any Unicode decimal digit. `page_size` never fails (conflict crego-page-size-drf); `page` fails
// as a 404 "Invalid page." (conflict crego-invalid-page-404).

/** DRF's page_size for Crego's list when none is sent or it cannot be used (inferred). */
export const DEFAULT_PAGE_SIZE = 10;
/** DRF's max_page_size for Crego's list (inferred). */
export const MAX_PAGE_SIZE = 100;

// Python's str.isspace(): Unicode white space, and the four separators \x1c-\x1f JavaScript's \s lacks.
// eslint-disable-next-line no-control-regex -- those separators are white space to Python's int()
const PYTHON_INT = /^[\s\x1c-\x1f]*([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)[\s\x1c-\x1f]*$/u;

/** What Python's int(text) gives, or undefined where it raises ValueError. */
export function pythonInt(text: string): number | undefined {
  const match = PYTHON_INT.exec(text);
  if (!match) return undefined;
  let value = 0;
  for (const char of (match[2] as string).replaceAll("_", "")) value = value * 10 + digitValue(char);
  return match[1] === "-" ? -value : value;
}

/**
 * A Unicode decimal digit's value. Every run of decimal digits in Unicode is made of whole blocks
 * of ten, each from 0 to 9, so the value is the distance from the run's start, modulo 10.
 */
function digitValue(char: string): number {
  const code = char.codePointAt(0) as number;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  let start = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

/** get_page_size: _positive_int(text, strict=True, cutoff=max_page_size), the default when it raises. */
export function pageSizeOf(text: string | number | undefined): number {
  if (text === undefined) return DEFAULT_PAGE_SIZE;
  const value = typeof text === "number" ? text : pythonInt(text);
  if (value === undefined || !(value > 0)) return DEFAULT_PAGE_SIZE;
  return Math.min(value, MAX_PAGE_SIZE);
}

/**
 * get_page_number and validate_number: no page or an empty one is page 1, `last` the last page;
 * undefined for a page that does not exist (not an integer, below 1, past the last page).
 */
export function pageNumberOf(text: string | undefined, totalPages: number): number | undefined {
  if (text === undefined || text === "") return 1;
  if (text === "last") return totalPages;
  const value = pythonInt(text);
  if (value === undefined || value < 1 || value > totalPages) return undefined;
  return value;
}
