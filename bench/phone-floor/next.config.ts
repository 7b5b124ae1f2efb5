import type { NextConfig } from 'next';
import { join } from 'node:path';

// Built with the app's own Next.js (../../node_modules), as a separate project.
const config: NextConfig = { turbopack: { root: join(import.meta.dirname, '..', '..') } };
export default config;
