"use client";

import { useCallback, useEffect, useState } from "react";
import type { SimulatedCustomer } from "@/lib/sandbox/random-customer";

const key = (phoneNumberId: string) => `atendo.simulator.${phoneNumberId}.customers`;

function read(phoneNumberId: string): SimulatedCustomer[] | null {
  try {
    const raw = window.localStorage.getItem(key(phoneNumberId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as unknown;
    if (!Array.isArray(parsed)) return null;
    return parsed.filter((c): c is SimulatedCustomer => !!c && typeof c.phone === "string" && typeof c.name === "string");
  } catch {
    return null;
  }
}

/**
 * The simulated customers this browser plays, per sandbox channel, kept in localStorage so a
 * reload (or a new tab) finds them. `null` until loaded; `stored` tells a first visit apart.
 */
export function useSimulatedContacts(phoneNumberId: string | null) {
  const [contacts, setContacts] = useState<SimulatedCustomer[] | null>(null);
  const [stored, setStored] = useState(false);

  useEffect(() => {
    if (!phoneNumberId) return;
    const saved = read(phoneNumberId);
    setStored(saved !== null);
    setContacts(saved ?? []);
  }, [phoneNumberId]);

  const update = useCallback(
    (change: (current: SimulatedCustomer[]) => SimulatedCustomer[]) => {
      if (!phoneNumberId) return;
      setContacts((current) => {
        const next = change(current ?? []);
        try {
          window.localStorage.setItem(key(phoneNumberId), JSON.stringify(next));
        } catch {
          // Private mode or full storage: the list still works for this visit.
        }
        return next;
      });
      setStored(true);
    },
    [phoneNumberId],
  );

  const add = useCallback(
    (customer: SimulatedCustomer) => update((current) => [customer, ...current.filter((c) => c.phone !== customer.phone)]),
    [update],
  );
  const addMany = useCallback(
    (customers: SimulatedCustomer[]) => update((current) => [...current, ...customers.filter((c) => !current.some((x) => x.phone === c.phone))]),
    [update],
  );
  const remove = useCallback((phone: string) => update((current) => current.filter((c) => c.phone !== phone)), [update]);

  return { contacts, stored, add, addMany, remove };
}
