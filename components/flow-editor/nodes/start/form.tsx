"use client";

import { useTranslations } from "next-intl";
import { type FormProps, LabelField } from "../form-kit";

/** The `start` step in the inspector. */
export function StartForm({ node }: FormProps<"start">) {
  const t = useTranslations("editor");
  return (
    <>
      <p className="text-sm text-muted-foreground">{t("inspector.startHelp")}</p>
      <LabelField node={node} />
    </>
  );
}
