/** Plausible Latin American customers for the simulator. Browser-safe. */

type Country = { code: string; /** national number after the country code, as a digit pattern ("9" fixed, "#" random) */ patterns: string[] };

const COUNTRIES: Country[] = [
  { code: "55", patterns: ["11 9####-####", "21 9####-####", "31 9####-####", "51 9####-####"] }, // Brazil
  { code: "52", patterns: ["1 55 #### ####", "1 33 #### ####", "1 81 #### ####"] }, // Mexico (mobile with 1)
  { code: "54", patterns: ["9 11 ####-####", "9 351 ###-####"] }, // Argentina (mobile with 9)
  { code: "57", patterns: ["3## ### ####"] }, // Colombia
  { code: "56", patterns: ["9 #### ####"] }, // Chile
  { code: "51", patterns: ["9## ### ###"] }, // Peru
];

const FIRST_NAMES = [
  "Ana", "Bruno", "Camila", "Diego", "Fernanda", "Gabriel", "Isabela", "Joaquín", "Julia", "Lucas",
  "Luciana", "Mateo", "María José", "Martina", "Nicolás", "Paula", "Rafael", "Sofía", "Thiago", "Valentina",
];
const LAST_NAMES = [
  "Almeida", "Castro", "Díaz", "Fernández", "Gómez", "Herrera", "López", "Martínez", "Oliveira", "Pereira",
  "Ramírez", "Rocha", "Rodríguez", "Santos", "Silva", "Torres", "Vargas",
];

const pick = <T,>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

function fill(pattern: string, random: () => number): string {
  // The first random digit of a subscriber number is never 0, so numbers look real.
  let first = true;
  return pattern.replace(/#/g, () => {
    const digit = first ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10);
    first = false;
    return String(digit);
  });
}

export type SimulatedCustomer = { phone: string; name: string };

export function randomCustomer(random: () => number = Math.random): SimulatedCustomer {
  const country = pick(COUNTRIES, random);
  const national = fill(pick(country.patterns, random), random).replace(/\D/g, "");
  return { phone: `${country.code}${national}`, name: `${pick(FIRST_NAMES, random)} ${pick(LAST_NAMES, random)}` };
}

/** "5511987654321" → "+55 11 98765-4321": grouped like the country writes it, when we know how. */
export function formatPhone(digits: string): string {
  const country = COUNTRIES.filter((c) => digits.startsWith(c.code)).sort((a, b) => b.code.length - a.code.length)[0];
  if (country) {
    const national = digits.slice(country.code.length);
    for (const pattern of country.patterns) {
      const slots = pattern.replace(/[^#\d]/g, "").length;
      if (slots !== national.length) continue;
      let i = 0;
      const grouped = pattern.replace(/[#\d]/g, () => national[i++]!);
      return `+${country.code} ${grouped}`;
    }
  }
  return `+${digits}`;
}

/** Two characters for an avatar: initials of a name, or the last digits of a bare number. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
  if (words.length === 0) return "?";
  if (words.every((w) => /^\d+$/.test(w))) return words.join("").slice(-2);
  return ((words[0]![0] ?? "") + (words.length > 1 ? (words.at(-1)![0] ?? "") : "")).toUpperCase();
}
