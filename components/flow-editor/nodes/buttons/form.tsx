"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { Counter, FieldFeedback, ItemControls, Section, TextField, moveItem } from "../../inspector/fields";
import { randomId } from "../../store";
import { type FormProps, LabelField, useUpdate } from "../form-kit";
import { ButtonsHeaderField } from "./header-field";

/** The `buttons` step in the inspector. */
export function ButtonsForm({ node }: FormProps<"buttons">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const buttons = node.data.buttons;
  return (
    <>
      <LabelField node={node} />
      <ButtonsHeaderField node={node} />
      <TextField label={t("inspector.text")} field="data.text" value={node.data.text} max={L.buttonsBody} multiline rows={4} templates onChange={(text) => update("text", (d) => ({ ...d, text }))} />
      <TextField label={t("inspector.footer")} field="data.footer" value={node.data.footer} max={L.footer} onChange={(footer) => update("footer", (d) => ({ ...d, footer }))} />
      <Section
        title={t("inspector.buttons")}
        actions={
          <Button
            type="button"
            variant="outline"
            size="sm"
            className="h-7"
            disabled={buttons.length >= L.buttonsMax}
            onClick={() => update("buttons", (d) => ({ ...d, buttons: [...d.buttons, { id: randomId("b"), title: t("defaults.option", { n: d.buttons.length + 1 }) }] }), true)}
          >
            <Plus className="size-3.5" />
            {t("inspector.addButton")}
          </Button>
        }
      >
        <FieldFeedback field="data.buttons" />
        {buttons.map((button, i) => (
          <div key={button.id} className="grid gap-1" data-option={button.id}>
            <div className="flex items-center gap-1">
              <Input
                value={button.title}
                aria-label={t("inspector.buttonTitle", { n: i + 1 })}
                data-field={`data.buttons.${i}.title`}
                className="h-8 flex-1 text-sm"
                onChange={(e) => {
                  const title = e.target.value;
                  update(`buttons.${button.id}`, (d) => ({ ...d, buttons: d.buttons.map((b) => (b.id === button.id ? { ...b, title } : b)) }));
                }}
              />
              <Counter value={button.title} max={L.buttonTitle} />
              <ItemControls
                index={i}
                count={buttons.length}
                label={button.title || t("inspector.buttonTitle", { n: i + 1 })}
                minCount={1}
                onMove={(from, to) => update("buttons", (d) => ({ ...d, buttons: moveItem(d.buttons, from, to) }), true)}
                onRemove={() => update("buttons", (d) => ({ ...d, buttons: d.buttons.filter((b) => b.id !== button.id) }), true)}
              />
            </div>
            <FieldFeedback field={`data.buttons.${i}.title`} />
            <FieldFeedback field={`data.buttons.${i}`} />
            <FieldFeedback field={`data.buttons.${i}.id`} />
          </div>
        ))}
      </Section>
      <TextField label={t("inspector.saveChoice")} field="data.variable" value={node.data.variable} mono placeholder="opcion" hint={t("inspector.saveChoiceHint")} onChange={(variable) => update("variable", (d) => ({ ...d, variable: variable || undefined }))} />
    </>
  );
}
