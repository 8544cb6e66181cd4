// Bundles the custom server (server.ts), the runtime's worker thread and the media process into dist/, after
// `next build` (npm run build), so `npm start` runs plain JavaScript with no TypeScript step.
// Dependencies stay in node_modules (imported at run time); only the project's own code is
// bundled, with the `@/` paths of tsconfig.json resolved.
import { build } from "esbuild";

/** `server-only` throws outside React's server environment; in this Node process every module is server-side. */
const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "server-only" }));
    b.onLoad({ filter: /.*/, namespace: "server-only" }, () => ({ contents: "", loader: "js" }));
  },
};

await build({
  entryPoints: { server: "server.ts", "runtime-thread": "lib/runtime/thread-entry.ts", "media-process": "lib/media/process/entry.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  plugins: [serverOnly],
});
