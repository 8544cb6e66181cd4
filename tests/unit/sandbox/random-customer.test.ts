import { describe, expect, test } from "vitest";
import { formatPhone, initials, randomCustomer } from "@/lib/sandbox/random-customer";

describe("simulated customers", () => {
  test("random customers have a Latin American mobile number and a name", () => {
    for (let i = 0; i < 200; i++) {
      const customer = randomCustomer();
      expect(customer.phone).toMatch(/^(55|52|54|57|56|51)\d{9,11}$/);
      expect(customer.name).toMatch(/^\S.* \S+$/);
    }
  });

  test("numbers are grouped like their country writes them", () => {
    expect(formatPhone("5511987654321")).toBe("+55 11 98765-4321");
    expect(formatPhone("5215512345678")).toBe("+52 1 55 1234 5678");
    expect(formatPhone("5491123456789")).toBe("+54 9 11 2345-6789");
    expect(formatPhone("573001234567")).toBe("+57 300 123 4567");
    expect(formatPhone("15550100100")).toBe("+15550100100");
  });

  test("avatars show initials, or the last digits of a bare number", () => {
    expect(initials("María José Silva")).toBe("MS");
    expect(initials("ana")).toBe("A");
    expect(initials("+56 9 8201 2230")).toBe("30");
    expect(initials("  ")).toBe("?");
  });
});
