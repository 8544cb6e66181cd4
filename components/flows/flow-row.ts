export type FlowRow = {
  id: string;
  name: string;
  activeVersion: { number: number; publishedAt: string } | null;
  lastPublishedAt: string | null;
  hasUnpublishedChanges: boolean;
  versionCount: number;
  updatedAt: string;
  updatedBy: string | null;
  channels: { id: string; name: string; displayNumber: string }[];
};

/** The API's summary (dates as strings) → a table row. */
export function normalizeRow(flow: {
  id: string;
  name: string;
  activeVersion: { number: number; publishedAt: string | Date } | null;
  lastPublishedAt: string | Date | null;
  hasUnpublishedChanges: boolean;
  versionCount: number;
  updatedAt: string | Date;
  updatedBy: { name: string } | string | null;
  channels: { id: string; name: string; displayNumber: string }[];
}): FlowRow {
  const iso = (d: string | Date) => (typeof d === "string" ? d : d.toISOString());
  return {
    id: flow.id,
    name: flow.name,
    activeVersion: flow.activeVersion ? { number: flow.activeVersion.number, publishedAt: iso(flow.activeVersion.publishedAt) } : null,
    lastPublishedAt: flow.lastPublishedAt ? iso(flow.lastPublishedAt) : null,
    hasUnpublishedChanges: flow.hasUnpublishedChanges,
    versionCount: flow.versionCount,
    updatedAt: iso(flow.updatedAt),
    updatedBy: typeof flow.updatedBy === "string" ? flow.updatedBy : (flow.updatedBy?.name ?? null),
    channels: flow.channels.map(({ id, name, displayNumber }) => ({ id, name, displayNumber })),
  };
}
