// `npm run analyze` writes custom-elements.json from the elements' JSDoc;
// `npm test` checks that the committed file is what this produces now.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
};
