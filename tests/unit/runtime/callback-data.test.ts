import { describe, expect, test } from "vitest";
import { outboxCallbackData, parseOutboxCallbackData } from "@/lib/runtime/callback-data";

describe("biz_opaque_callback_data of outbox rows", () => {
  test("names the row and the attempt, and reads back", () => {
    const value = outboxCallbackData(9_007_199_254, 3);
    expect(value.length).toBeLessThanOrEqual(512);
    expect(parseOutboxCallbackData(value)).toEqual({ outboxId: 9_007_199_254, attempt: 3 });
  });

  test("someone else's callback data is not ours", () => {
    for (const value of [null, undefined, "", "order-123", "atendo-outbox:", "atendo-outbox:12", "atendo-outbox:x:1", "atendo-outbox:1:2:3"]) {
      expect(parseOutboxCallbackData(value)).toBeNull();
    }
  });
});
