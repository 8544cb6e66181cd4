import { expect, test } from "vitest";
import { demoFlowDocument } from "@/lib/db/seed/demo-flow";
import { flowDocumentSchema } from "@/lib/flow/schema";
import { lintFlow } from "@/lib/flow/validate";

test("the demo menu is a valid document that publishes without lint errors or warnings", () => {
  const document = flowDocumentSchema.parse(demoFlowDocument());
  const report = lintFlow(document, { queues: ["soporte", "ventas"] });
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
});
