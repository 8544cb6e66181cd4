"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { CONDITION_OPERATORS, type ConditionOperator, VALUE_OPERATORS } from "@/lib/flow/schema";
import { FieldFeedback, ItemControls, Section, TextField, moveItem } from "../../inspector/fields";
import { randomId } from "../../store";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

/** The `condition` step in the inspector. */
export function ConditionForm({ node }: FormProps<"condition">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const rules = node.data.rules;
  return (
    <>
      <LabelField node={node} />
      <p className="text-xs text-muted-foreground">{t("inspector.rulesHelp")}</p>
      <Section
        title={t("inspector.rules")}
        actions={
          <Button type="button" variant="outline" size="sm" className="h-7" onClick={() => update("rules", (d) => ({ ...d, rules: [...d.rules, { id: randomId("rule"), variable: "input", operator: "equals", value: "" }] }), true)}>
            <Plus className="size-3.5" />
            {t("inspector.addRule")}
          </Button>
        }
      >
        <FieldFeedback field="data.rules" />
        {rules.map((rule, i) => {
          const setRule = (patch: Partial<typeof rule>, key: string, structural = false) =>
            update(`rules.${rule.id}.${key}`, (d) => ({ ...d, rules: d.rules.map((r) => (r.id === rule.id ? { ...r, ...patch } : r)) }), structural);
          return (
            <div key={rule.id} className="grid gap-1.5 rounded-md border p-2" data-option={rule.id}>
              <div className="flex items-center justify-between">
                <span className="text-xs font-medium">{t("inspector.rule", { n: i + 1 })}</span>
                <ItemControls
                  index={i}
                  count={rules.length}
                  label={t("inspector.rule", { n: i + 1 })}
                  onMove={(from, to) => update("rules", (d) => ({ ...d, rules: moveItem(d.rules, from, to) }), true)}
                  onRemove={() => update("rules", (d) => ({ ...d, rules: d.rules.filter((r) => r.id !== rule.id) }), true)}
                />
              </div>
              <Select value={rule.operator} onValueChange={(operator) => setRule({ operator: operator as ConditionOperator, ...(operator === "business_hours" ? { value: "open" } : {}) }, "operator", true)}>
                <SelectTrigger className="h-8 w-full" aria-label={t("inspector.operator")} data-field={`data.rules.${i}.operator`}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {CONDITION_OPERATORS.map((op) => (
                    <SelectItem key={op} value={op}>
                      {t(`operators.${op}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              {rule.operator === "business_hours" ? (
                <Select value={(rule.value ?? "open").toLowerCase() === "closed" ? "closed" : "open"} onValueChange={(value) => setRule({ value }, "value", true)}>
                  <SelectTrigger className="h-8 w-full" aria-label={t("inspector.value")} data-field={`data.rules.${i}.value`}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="open">{t("node.whenOpen")}</SelectItem>
                    <SelectItem value="closed">{t("node.whenClosed")}</SelectItem>
                  </SelectContent>
                </Select>
              ) : (
                <>
                  <TextField label={t("inspector.variableName")} field={`data.rules.${i}.variable`} value={rule.variable} mono onChange={(variable) => setRule({ variable }, "variable")} />
                  {VALUE_OPERATORS.has(rule.operator) && (
                    <TextField label={t("inspector.value")} field={`data.rules.${i}.value`} value={rule.value} templates={rule.operator !== "matches"} mono={rule.operator === "matches"} onChange={(value) => setRule({ value }, "value")} />
                  )}
                </>
              )}
              <FieldFeedback field={`data.rules.${i}`} />
              <FieldFeedback field={`data.rules.${i}.id`} />
            </div>
          );
        })}
      </Section>
    </>
  );
}
