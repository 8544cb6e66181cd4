import { describe, expect, test } from "vitest";
import { emptyFlowDocument } from "@/lib/flow/schema";
import { canonicalJson, flowChecksum } from "@/lib/flows/checksum";
import { attachmentDisposition, exportFileName, exportFileText, parseImportPayload } from "@/lib/flows/transfer";

describe("checksum", () => {
  test("ignores key order (jsonb reorders keys) but not content", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    const doc = emptyFlowDocument();
    const reordered = { edges: doc.edges, nodes: doc.nodes, settings: doc.settings, schemaVersion: doc.schemaVersion };
    expect(flowChecksum(reordered)).toBe(flowChecksum(doc));
    expect(flowChecksum(doc)).toMatch(/^[0-9a-f]{64}$/);
    expect(flowChecksum({ ...doc, nodes: [] })).not.toBe(flowChecksum(doc));
  });
});

describe("export file", () => {
  test("names the file after the flow, safely", () => {
    expect(exportFileName("Menú principal")).toBe("Menú principal.atendo-flow.json");
    expect(exportFileName('a/b\\c:"d"')).toBe("a-b-c-d-.atendo-flow.json");
    expect(exportFileName("   ")).toBe("flow.atendo-flow.json");
    expect(attachmentDisposition("Menú principal.atendo-flow.json")).toBe(
      `attachment; filename="Menu principal.atendo-flow.json"; filename*=UTF-8''Men%C3%BA%20principal.atendo-flow.json`,
    );
  });

  test("is indented JSON with a final newline that imports back", () => {
    const text = exportFileText({ name: "Menú", document: emptyFlowDocument() });
    expect(text.endsWith("}\n")).toBe(true);
    expect(parseImportPayload(JSON.parse(text))).toEqual({ name: "Menú", document: emptyFlowDocument() });
  });
});

describe("import payload", () => {
  test("a bare document takes its name from the hint or the file name", () => {
    const doc = emptyFlowDocument();
    expect(parseImportPayload(doc, { fileName: "ventas.atendo-flow.json" }).name).toBe("ventas");
    expect(parseImportPayload(doc, { fileName: "ventas.json", name: "Ventas 2" }).name).toBe("Ventas 2");
    expect(() => parseImportPayload(doc)).toThrow(/name/);
  });

  test("collects name and document issues into one 422", () => {
    try {
      parseImportPayload({ name: "", document: { schemaVersion: 1, nodes: [{ id: "x", type: "nope" }] } });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "unprocessable" });
      const paths = (error as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path);
      expect(paths).toContain("name");
      expect(paths.some((p) => p.startsWith("document.nodes.0"))).toBe(true);
    }
  });

  test("says first when the schemaVersion is unknown, and refuses what is not a flow", () => {
    expect(() => parseImportPayload({ name: "x", document: { ...emptyFlowDocument(), schemaVersion: 7 } })).toThrow(
      "Unsupported schemaVersion 7; this Atendo understands version 1",
    );
    expect(() => parseImportPayload([1, 2])).toThrow(/not an Atendo flow file/);
    expect(() => parseImportPayload({ flows: [] })).toThrow(/not an Atendo flow file/);
  });
});
