"use client";

import { useTranslations } from "next-intl";
import * as React from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";

function Toaster({ ...props }: ToasterProps) {
  const t = useTranslations("common");
  return (
    <Sonner
      theme="light"
      className="toaster group"
      containerAriaLabel={t("notifications")}
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
          "--border-radius": "var(--radius)",
        } as React.CSSProperties
      }
      {...props}
      toastOptions={{ closeButtonAriaLabel: t("closeNotification"), ...props.toastOptions }}
    />
  );
}

export { Toaster };
