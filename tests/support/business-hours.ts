/**
 * The desk's hours for tests that must not depend on the clock: whether a handoff also tells
 * the customer nobody is in is decided by these, set on the workspace, never by when CI runs.
 */
export const ALWAYS_OPEN = {
  timeZone: "America/Sao_Paulo",
  weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ start: "00:00", end: "24:00" }]])),
  holidays: [],
};

export const NEVER_OPEN = { timeZone: "America/Sao_Paulo", weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
