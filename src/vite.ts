/**
 * `cnn-elements/vite`: a Vite plugin for a course site's dev server (VitePress, Astro, plain
 * Vite, SvelteKit; Vite 5 to 8). A dev server pre-bundles each dependency into its cache folder, away from
 * the package: there the library's `new URL('…', import.meta.url)` files (the photos, the
 * digit model, the wasm binaries, the training worker) resolve to URLs that do not exist, and
 * every element fails. The plugin leaves the library as it is, so that those URLs find the
 * package's files, and pre-bundles its own dependencies instead (tfjs needs it: parts of it are
 * CommonJS). Production builds do not pre-bundle, and need nothing.
 *
 *   // vite.config.js, or `vite: { plugins: [...] }` in .vitepress/config.mjs or astro.config.mjs
 *   import cnnElements from 'cnn-elements/vite';
 *   export default { plugins: [cnnElements()] };
 */

/** package.json's `dependencies`, written in by the build (scripts/build.mjs). */
declare const __CNN_ELEMENTS_DEPENDENCIES__: string[];

/** The library's own dependencies, for the dev server to pre-bundle. */
export const LIBRARY_DEPENDENCIES: readonly string[] = __CNN_ELEMENTS_DEPENDENCIES__;

/**
 * Node's modules that tfjs requires only under Node, and that its package.json's `browser`
 * field maps to nothing. Vite 6's pre-bundling leaves them as imports of the real packages
 * (node-fetch, then whatwg-url, which fails in the page): they are given an empty module.
 * Vite 8 pre-bundles with Rolldown, which follows the `browser` field, and warns of an
 * esbuild plugin as deprecated: there none is given.
 */
const NODE_ONLY = /^(node-fetch|util|crypto|worker_threads|perf_hooks)$/;
const EMPTY = 'cnn-elements-node-only';

/** The esbuild plugin (the pre-bundler's) that gives tfjs's Node-only requires an empty module. */
const nodeOnlyModules = {
  name: 'cnn-elements:tfjs-node-only',
  setup(build: EsbuildPluginBuild) {
    build.onResolve({ filter: NODE_ONLY }, (args) =>
      /[\\/]@tensorflow[\\/]/.test(args.importer) ? { path: args.path, namespace: EMPTY } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: EMPTY }, () => ({
      contents: 'module.exports = {};',
      loader: 'js',
    }));
  },
};

/** The part of esbuild's plugin interface used here (no esbuild types needed by the site). */
interface EsbuildPluginBuild {
  onResolve(
    options: { filter: RegExp },
    callback: (args: { path: string; importer: string }) => { path: string; namespace: string } | undefined,
  ): void;
  onLoad(
    options: { filter: RegExp; namespace: string },
    callback: () => { contents: string; loader: 'js' },
  ): void;
}

/** What Vite says of itself to a plugin's `config` hook (Vite 8 names its Rolldown). */
interface ConfigHookContext {
  meta?: { rolldownVersion?: string };
}

/** The part of a Vite plugin this one is: a name, and settings Vite merges into the site's. */
export interface CnnElementsVitePlugin {
  name: string;
  config(this: ConfigHookContext | void): {
    optimizeDeps: {
      exclude: string[];
      include: string[];
      esbuildOptions?: { plugins: Array<typeof nodeOnlyModules> };
    };
  };
}

export default function cnnElements(): CnnElementsVitePlugin {
  return {
    name: 'cnn-elements',
    config() {
      const rolldown = Boolean(this?.meta?.rolldownVersion);
      return {
        optimizeDeps: {
          exclude: ['cnn-elements'],
          include: LIBRARY_DEPENDENCIES.map((dependency) => `cnn-elements > ${dependency}`),
          ...(rolldown ? {} : { esbuildOptions: { plugins: [nodeOnlyModules] } }),
        },
      };
    },
  };
}
