"use client";

import { ExternalLink, MapPin } from "lucide-react";
import { useTranslations } from "next-intl";
import { type LocationView, mapUrl } from "./payload";

/** A shared place: its name and address, and a link that opens it in a map (a new tab, no referrer). */
export function LocationCard({ location }: { location: LocationView }) {
  const t = useTranslations("media");
  const href = mapUrl(location);
  const coordinates = location.latitude !== null && location.longitude !== null ? `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}` : null;
  return (
    <div className="flex w-72 max-w-full items-start gap-2.5 rounded-md border bg-background/70 px-2.5 py-2" data-testid="media-location">
      <span className="grid size-9 shrink-0 place-items-center rounded bg-primary/12 text-primary" aria-hidden>
        <MapPin className="size-5" />
      </span>
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-medium break-words">{location.name ?? t("kind.location")}</p>
        {location.address && <p className="text-xs break-words text-muted-foreground">{location.address}</p>}
        {!location.address && coordinates && <p className="font-mono text-xs text-muted-foreground">{coordinates}</p>}
        {href && (
          <a href={href} target="_blank" rel="noopener noreferrer" className="mt-1 inline-flex items-center gap-1 text-xs text-primary underline-offset-2 hover:underline" data-testid="media-map-link">
            {t("openMap")}
            <ExternalLink className="size-3" aria-hidden />
            <span className="sr-only">{t("newTab")}</span>
          </a>
        )}
      </div>
    </div>
  );
}
