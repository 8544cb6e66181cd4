"use client";

import { z } from "zod";

// zod 4 probes `new Function("")` before its first object parse to decide whether to compile
// fast parsers; under the CSP (no 'unsafe-eval') the probe is blocked and reported as a
// violation. In the browser the interpreted parser is plenty; the server (this module is
// also evaluated for server rendering) keeps the fast one.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Module-level browser settings, loaded by the root layout before any page code parses. */
export function BrowserConfig() {
  return null;
}
