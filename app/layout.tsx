import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { BrowserConfig } from "@/components/security/browser-config";
import { Toaster } from "@/components/ui/sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Atendo", template: "%s · Atendo" },
  description: "No-code WhatsApp Business customer service",
  // Served from public/ (the proxy lets static files through to signed-out visitors too).
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale === "pt" ? "pt-BR" : locale}>
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <BrowserConfig />
        <NextIntlClientProvider>
          {children}
          {/* Top centre, below the header: not over the bottom, where people type (desk composer,
              simulator), nor over the side panels and the buttons at the top right. Short. */}
          <Toaster position="top-center" offset={{ top: 56 }} duration={3000} closeButton />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
