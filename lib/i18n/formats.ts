/**
 * How times are shown: always with their zone ("7 dic 2026, 14:32 GMT-3"), since the
 * workspace's zone (the i18n config's) need not be the reader's. `dateStyle`/`timeStyle`
 * can't be combined with `timeZoneName`, hence the explicit fields. Browser-safe.
 */
export const DATE_TIME = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
} as const satisfies Intl.DateTimeFormatOptions;

/** A short date and time, for tables. */
export const SHORT_DATE_TIME = {
  day: "2-digit",
  month: "2-digit",
  year: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
} as const satisfies Intl.DateTimeFormatOptions;

/** A time of day alone (chat bubbles, today's items). */
export const TIME = { hour: "2-digit", minute: "2-digit", timeZoneName: "short" } as const satisfies Intl.DateTimeFormatOptions;
