import { fileURLToPath } from 'node:url';

// A static export served under /course/, as the other test sites are.
export default {
  output: 'export',
  basePath: '/course',
  trailingSlash: true,
  // This folder is its own project, not a part of the repository around it.
  turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) },
};
