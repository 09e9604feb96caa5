// `npm run analyze` writes custom-elements.json from the elements' JSDoc;
// `npm test` checks that the committed file is what this produces now.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // The analyzer would otherwise point package.json's customElements field at each --outdir it writes to.
  packagejson: false,
};
