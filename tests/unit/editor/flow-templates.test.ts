import { describe, expect, test } from "vitest";
import { flowDocumentSchema } from "@/lib/flow/schema";
import { lintFlow } from "@/lib/flow/validate";
import { FLOW_TEMPLATES } from "@/lib/flow-templates";

const LOCALES = ["es", "pt", "en"] as const;

describe("flow templates", () => {
  for (const template of FLOW_TEMPLATES) {
    for (const locale of LOCALES) {
      test(`${template.id} (${locale}) parses and publishes without lint errors or warnings`, () => {
        const doc = template.build({ locale, queues: { support: "soporte", sales: "ventas" } });
        const parsed = flowDocumentSchema.parse(doc);
        const report = lintFlow(parsed, { locale, queues: ["soporte", "ventas"] });
        expect(report.errors).toEqual([]);
        expect(report.warnings).toEqual([]);
      });
    }
  }

  test("hands off only to the queues it was given", () => {
    for (const template of FLOW_TEMPLATES) {
      const doc = template.build({ locale: "es", queues: { support: "help", sales: "help" } });
      expect(lintFlow(flowDocumentSchema.parse(doc), { queues: ["help"] }).errors).toEqual([]);
    }
  });
});
