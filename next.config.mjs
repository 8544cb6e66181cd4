import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "undici"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Lets several builds of one checkout coexist (parallel test runs, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default withNextIntl(nextConfig);
