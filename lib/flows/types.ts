/** What the flows API answers (dates are ISO strings once serialised). Browser-safe. */
import type { FlowDocument } from "@/lib/flow/schema";
import type { LintReport } from "@/lib/flow/validate";

export type BoundChannel = { id: string; name: string; displayNumber: string; sandbox: boolean };

export type FlowSummary = {
  id: string;
  name: string;
  draftRevision: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: { id: string; name: string } | null;
  activeVersion: { id: string; number: number; publishedAt: Date } | null;
  /** Time of the newest version (a rollback does not change it). */
  lastPublishedAt: Date | null;
  versionCount: number;
  /** The draft differs from the active version (or nothing was ever published). */
  hasUnpublishedChanges: boolean;
  channels: BoundChannel[];
};

export type FlowDetail = FlowSummary & { draft: FlowDocument };

export type VersionSummary = {
  id: string;
  number: number;
  checksum: string;
  note: string | null;
  author: { id: string; name: string } | null;
  createdAt: Date;
  nodeCount: number;
  active: boolean;
};

export type VersionDetail = VersionSummary & { document: FlowDocument };

export type PublishResult = {
  version: VersionSummary;
  /** The lint warnings at publish time (errors would have blocked it). */
  lint: LintReport;
  /** true when `skipIfUnchanged` found nothing to publish and answered the active version. */
  unchanged: boolean;
};

/** The export file: `<flow name>.atendo-flow.json`. */
export type FlowExportFile = { name: string; document: FlowDocument };
