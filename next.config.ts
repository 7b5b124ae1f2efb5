import type { NextConfig } from 'next';

// Next has no config key for telemetry; the build reads this variable after loading this file,
// so setting it here keeps `next build` quiet on offline and government-intranet machines.
// The custom server (server/) must set it too, or run with NEXT_TELEMETRY_DISABLED=1.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const nextConfig: NextConfig = {
  // Native modules and Prisma's generated client are loaded with Node's own require/import
  // instead of being bundled into the server chunks.
  serverExternalPackages: [
    'better-sqlite3',
    '@prisma/adapter-better-sqlite3',
    '@prisma/adapter-pg',
    'pg',
    '@prisma/client',
    // One copy of Yjs per process: its document types break when two copies meet.
    'yjs',
  ],
  typedRoutes: false,
  // `npm run typecheck` (tsc over the whole project) is the one type check; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // `next dev` would otherwise write AGENTS.md / agent instruction files into the repo.
  agentRules: false,
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Stylesheets are inlined in the page instead of linked: a linked one is a request the first paint
    // waits for, one more round trip on a resident's weak connection (bench:phone). The phone pages'
    // own stylesheet is small (app/phone.css); the site's whole one is still cheaper inlined than fetched
    // on a first visit, which is the common case (QR codes, links in notices).
    inlineCss: true,
  },
};

export default nextConfig;
