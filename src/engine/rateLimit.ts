// Opt-in rate limits (--rate-limits): fixed windows per vendor and credential on the mock
// clock, with the limits and the header names each vendor documents.

export interface RateLimit {
  /** A name for the window, passed back to the vendor's header renderer (`minute`, `second`). */
  name: string;
  windowMs: number;
  max: number;
}

export interface RateLimitReading {
  name: string;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export interface RateLimitPolicy {
  limits: RateLimit[];
  /** The vendor's headers for the current readings, sent on every answer under the limits. */
  headers(readings: RateLimitReading[]): Record<string, string>;
}

export class RateLimiter {
  /** `vendor credential name` → the window's start and count */
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one request; answers whether it is over any limit and the readings after it. */
  hit(vendor: string, credential: string, limits: RateLimit[], now: number): { over: boolean; readings: RateLimitReading[] } {
    let over = false;
    const readings = limits.map((limit) => {
      const key = `${vendor} ${credential} ${limit.name}`;
      let window = this.windows.get(key);
      const start = Math.floor(now / limit.windowMs) * limit.windowMs;
      if (!window || window.start !== start) {
        window = { start, count: 0 };
        this.windows.set(key, window);
      }
      window.count++;
      if (window.count > limit.max) over = true;
      return {
        name: limit.name,
        limit: limit.max,
        remaining: Math.max(0, limit.max - window.count),
        resetSeconds: Math.max(1, Math.ceil((start + limit.windowMs - now) / 1000)),
      };
    });
    return { over, readings };
  }

  clear(): void {
    this.windows.clear();
  }
}
