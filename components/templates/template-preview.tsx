"use client";

import { ExternalLink, FileText, ImageIcon, MapPin, Phone, Reply, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TemplateParams, TemplatePreview as Preview } from "@/lib/contacts/templates";
import { templatePreview, type TemplateLike } from "@/lib/contacts/templates";
import { cn } from "@/lib/utils";

const MEDIA_ICON = { image: ImageIcon, video: Video, document: FileText, location: MapPin } as const;

/** A template as the customer will see it on WhatsApp: header, body, footer, then its buttons. */
export function TemplatePreviewCard({ template, params, className }: { template: TemplateLike; params?: Partial<TemplateParams>; className?: string }) {
  const preview: Preview = templatePreview(template, params);
  const t = useTranslations("templates");
  const header = preview.header;
  return (
    <div className={cn("grid max-w-sm gap-1", className)} data-testid="template-preview">
      <div className="rounded-lg bg-card px-3 py-2 text-sm shadow-[0_1px_0.5px_rgba(0,0,0,0.13)] ring-1 ring-border">
        {header && "text" in header && <p className="mb-1 font-semibold">{header.text}</p>}
        {header && "kind" in header && (
          <div className="mb-1.5 flex h-20 items-center justify-center gap-2 overflow-hidden rounded-md bg-muted text-xs text-muted-foreground">
            {header.kind === "image" && "url" in header && header.url ? (
              // biome-ignore lint/performance/noImgElement: a remote sample the admin typed, not an app asset
              <img src={header.url} alt="" className="h-full w-full object-cover" />
            ) : (
              <>
                {(() => {
                  const Icon = MEDIA_ICON[header.kind];
                  return <Icon className="size-5" />;
                })()}
                {t(`headerKinds.${header.kind}`)}
              </>
            )}
          </div>
        )}
        <p className="break-words whitespace-pre-wrap">{preview.body}</p>
        {preview.footer && <p className="mt-1 text-xs text-muted-foreground">{preview.footer}</p>}
      </div>
      {preview.buttons.map((button, i) => (
        <div key={`${button.text}-${i}`} className="flex h-8 items-center justify-center gap-1.5 rounded-lg bg-card text-sm font-medium text-primary ring-1 ring-border" title={button.url ?? button.phoneNumber}>
          {button.type === "url" ? <ExternalLink className="size-3.5" /> : button.type === "phone_number" ? <Phone className="size-3.5" /> : <Reply className="size-3.5" />}
          {button.text}
        </div>
      ))}
    </div>
  );
}
