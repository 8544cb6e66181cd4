import { normalizeText } from "../../match";
import { compileRegex } from "../../regex";
import { REGEX_INPUT_LIMIT, parseNumber } from "../../values";
import { type NodeEngine, type Run, StepFailure, isOpenCached } from "../engine-kit";
import { ELSE_HANDLE } from "../shared";
import type { ConditionNode, ConditionRule } from "./schema";

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
