import { isOpen } from "../../business-hours";
import type { StepContext } from "../../engine-types";
import { normalizeText } from "../../match";
import { compileRegex } from "../../regex";
import { REGEX_INPUT_LIMIT, parseNumber } from "../../values";
import { type NodeEngine, type Run, StepFailure } from "../engine-kit";
import { ELSE_HANDLE } from "../shared";
import type { ConditionNode, ConditionRule } from "./schema";

// Opening hours only change by the minute and time-zone math (Intl) is the costliest part
// of a step: remember the last answer per hours object. Hours objects are not mutated.
const openCache = new WeakMap<object, { minute: number; open: boolean }>();

function isOpenCached(ctx: StepContext): boolean {
  const hours = ctx.businessHours;
  const t = ctx.now instanceof Date ? ctx.now.getTime() : Number.NaN;
  if (!hours || typeof hours !== "object" || !Number.isFinite(t)) return false;
  const minute = Math.floor(t / 60_000);
  const hit = openCache.get(hours);
  if (hit && hit.minute === minute) return hit.open;
  let open = false;
  try {
    open = isOpen(hours, new Date(minute * 60_000));
  } catch {
    open = false;
  }
  openCache.set(hours, { minute, open });
  return open;
}

function ruleMatches(run: Run, node: ConditionNode, rule: ConditionRule): boolean {
  if (rule.operator === "business_hours") {
    const wantOpen = (rule.value ?? "").trim().toLowerCase() !== "closed";
    return isOpenCached(run.ctx) === wantOpen;
  }
  const left = run.get(rule.variable.trim()) ?? "";
  switch (rule.operator) {
    case "is_set":
      return left.trim() !== "";
    case "is_empty":
      return left.trim() === "";
    case "matches": {
      const pattern = rule.value ?? "";
      // Case-insensitive, on RE2 (linear time): customer text cannot stall the engine.
      const re = compileRegex(pattern, "i");
      if (!re) {
        throw new StepFailure("runtime", `Condition "${node.id}" has an invalid regular expression: ${pattern}`, node.id);
      }
      return re.test(left.length > REGEX_INPUT_LIMIT ? left.slice(0, REGEX_INPUT_LIMIT) : left);
    }
  }
  const right = run.render(rule.value);
  switch (rule.operator) {
    case "equals":
      return normalizeText(left) === normalizeText(right);
    case "not_equals":
      return normalizeText(left) !== normalizeText(right);
    case "contains":
      return normalizeText(left).includes(normalizeText(right));
    case "starts_with":
      return normalizeText(left).startsWith(normalizeText(right));
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const a = parseNumber(left);
      const b = parseNumber(right);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      if (rule.operator === "gt") return a > b;
      if (rule.operator === "gte") return a >= b;
      if (rule.operator === "lt") return a < b;
      return a <= b;
    }
    default:
      return false;
  }
}

export const conditionEngine: NodeEngine<ConditionNode> = {
  /** The first rule that holds, else the `else` handle. */
  enter(run, node) {
    for (const rule of node.data.rules) {
      if (ruleMatches(run, node, rule)) return rule.id;
    }
    return ELSE_HANDLE;
  },
};
