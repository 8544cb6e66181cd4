import { describe, expect, test } from "vitest";
import { pickNext } from "@/lib/desk/assign";
import { closingText } from "@/lib/desk/resolve";
import { escapeHtml } from "@/lib/desk/transcript-export";
import { serviceWindow } from "@/lib/desk/window";

describe("round-robin choice", () => {
  const agents = [
    { id: "a", capacity: 2 },
    { id: "b", capacity: 1 },
    { id: "c", capacity: 3 },
  ];
  test("starts after the last agent served and wraps around", () => {
    expect(pickNext(agents, new Map(), null)).toBe("a");
    expect(pickNext(agents, new Map(), "a")).toBe("b");
    expect(pickNext(agents, new Map(), "c")).toBe("a");
  });
  test("skips agents at capacity; nobody with room means no choice", () => {
    expect(pickNext(agents, new Map([["b", 1]]), "a")).toBe("c");
    expect(pickNext(agents, new Map([["a", 2], ["b", 1], ["c", 3]]), null)).toBeNull();
    expect(pickNext([], new Map(), null)).toBeNull();
  });
  test("a cursor pointing at somebody who left the queue still gives a fair next turn", () => {
    expect(pickNext(agents, new Map(), "bb")).toBe("c");
  });
});

describe("texts", () => {
  test("closing messages carry the protocol", () => {
    expect(closingText("Tu protocolo es {{protocol}} ({{ protocol }})", "20250101-000001")).toBe("Tu protocolo es 20250101-000001 (20250101-000001)");
  });
  test("HTML escaping covers the five special characters", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    expect(escapeHtml(null)).toBe("");
  });
});

describe("24-hour window", () => {
  const now = new Date("2025-06-10T12:00:00Z");
  test("open for 24 hours after the customer's last message, then closed", () => {
    expect(serviceWindow(new Date("2025-06-09T12:00:01Z"), now)).toEqual({ open: true, expiresAt: "2025-06-10T12:00:01.000Z" });
    expect(serviceWindow(new Date("2025-06-09T12:00:00Z"), now).open).toBe(false);
    expect(serviceWindow(null, now)).toEqual({ open: false, expiresAt: null });
  });
});
