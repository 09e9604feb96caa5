// `npm run analyze` writes custom-elements.json from the elements' JSDoc;
// `npm test` checks that the committed file is what this produces now.
import { publicSurface } from './scripts/cem-public-surface.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // The analyzer would otherwise point package.json's customElements field at each --outdir it writes to.
  packagejson: false,
  plugins: [
    // Only what a user can import: the elements, the draw pad, the exported functions.
    publicSurface(),
    {
      // The analyzer lists modules in the order the file system returns them, which differs
      // between checkouts (a fresh clone failed the freshness check on order alone): sort by path.
      name: 'sort-modules-by-path',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
