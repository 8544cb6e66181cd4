import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "undici", "@aws-sdk/client-s3", "@aws-sdk/lib-storage", "sharp", "file-type"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Lets several builds of one checkout coexist (parallel test runs, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Every response, API routes and static files included; pages get the CSP from proxy.ts
  // (lib/security/headers.ts has the same values and the reasons).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(self), geolocation=(), payment=(), usb=(), browsing-topics=()" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
