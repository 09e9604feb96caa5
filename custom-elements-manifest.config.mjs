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
      // Type texts are copied from the source as formatted (prettier breaks long unions and
      // object types over lines): write each on one line, as a reader of the docs expects.
      name: 'one-line-types',
      packageLinkPhase({ customElementsManifest }) {
        const visit = (node) => {
          if (Array.isArray(node)) return node.forEach(visit);
          if (!node || typeof node !== 'object') return;
          if (node.type && typeof node.type.text === 'string') node.type.text = oneLine(node.type.text);
          Object.values(node).forEach(visit);
        };
        visit(customElementsManifest);
      },
    },
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

/** `| string\n    | string[]` → `string | string[]`; `Promise<\n  X\n>` → `Promise<X>`. */
function oneLine(text) {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^\|\s*/, '')
    .replace(/<\s+/g, '<')
    .replace(/\s+>/g, '>')
    .replace(/;\s*}/g, ' }');
}
