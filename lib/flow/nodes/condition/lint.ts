import { hasTemplate } from "../../template";
import { parseNumber } from "../../values";
import { type NodeLint, at, checkRegex, lintOptionIds } from "../lint-kit";
import { ELSE_HANDLE } from "../shared";
import { type ConditionNode, NUMERIC_OPERATORS, VALUE_OPERATORS } from "./schema";

export const conditionLint: NodeLint<ConditionNode> = {
  lint(node, { r, collect }) {
    const d = node.data;
    const nodeId = node.id;
    if (d.rules.length === 0) r.warn("condition_no_rules", at(nodeId, "data.rules"));
    d.rules.forEach((rule, i) => {
      const f = `data.rules.${i}`;
      const index = i + 1;
      if (rule.operator === "business_hours") {
        const value = (rule.value ?? "").trim().toLowerCase();
        if (value && value !== "open" && value !== "closed") {
          r.error("condition_business_hours_value", at(nodeId, `${f}.value`), { index, value: rule.value ?? "" });
        }
        return;
      }
      // A condition reads a variable by name, which counts as a reference like `{{name}}`.
      if (!rule.variable.trim()) r.error("condition_variable_missing", at(nodeId, `${f}.variable`), { index });
      else collect(`{{${rule.variable.trim()}}}`, at(nodeId, `${f}.variable`));
      if (!VALUE_OPERATORS.has(rule.operator)) return;
      const value = rule.value ?? "";
      if (!value.trim()) {
        r.error("condition_value_missing", at(nodeId, `${f}.value`), { index });
        return;
      }
      if (rule.operator === "matches") {
        // Matched case-insensitively at run time; the flag does not change validity.
        checkRegex(r, node, value, at(nodeId, `${f}.value`), { rule: index });
        return;
      }
      collect(value, at(nodeId, `${f}.value`));
      if (NUMERIC_OPERATORS.has(rule.operator) && !hasTemplate(value) && Number.isNaN(parseNumber(value))) {
        r.error("condition_number_invalid", at(nodeId, `${f}.value`), { index, value });
      }
    });
    lintOptionIds(r, node, d.rules.map((x) => x.id), "data.rules", Number.POSITIVE_INFINITY);
  },
  deadEnds(node, has, r) {
    const nodeId = node.id;
    node.data.rules.forEach((rule, i) => {
      if (rule.id && !has(rule.id)) r.error("dead_end_rule", { nodeId, field: `data.rules.${i}` }, { index: i + 1, handle: rule.id });
    });
    if (!has(ELSE_HANDLE)) r.error("dead_end_else", { nodeId }, { handle: ELSE_HANDLE });
  },
};
