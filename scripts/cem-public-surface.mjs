// An analyzer plugin that trims custom-elements.json to the package's public surface:
// what a user can import from the entries package.json exports (src/index.ts,
// src/config.ts and each element's define module), followed through re-exports, plus
// the superclasses of what is kept (CnnElement). Internal modules, their helpers and
// every element's private members (and the protected ones it inherits) are dropped: the manifest documents the library,
// not its implementation (Shoelace's covers its components, not its utilities).
//
// The analyzer still reads all of src/ so that inheritance and re-exports resolve;
// this plugin runs after linking, when both are known.

/** The modules a user imports (package.json "exports", as source paths). */
const isEntry = (path) =>
  path === 'src/index.ts' || path === 'src/config.ts' || /^src\/elements\/[^/]+\/define\.ts$/.test(path);

/**
 * A module reference as the analyzer writes it ('./core/assets.js' relative to the
 * referring module, '/src/elements/cnn-element.js' or 'src/config.ts') as a manifest path.
 */
function resolvePath(from, ref) {
  let path = ref;
  if (ref.startsWith('./') || ref.startsWith('../')) {
    const parts = from.split('/').slice(0, -1);
    for (const piece of ref.split('/')) {
      if (piece === '..') parts.pop();
      else if (piece !== '.') parts.push(piece);
    }
    path = parts.join('/');
  }
  return path.replace(/^\//, '').replace(/\.js$/, '.ts');
}

/**
 * Members a reader of the manifest does not need: private ones, and the protected ones an
 * element inherits (documented once, on CnnElement, for whoever writes a new element).
 */
const isInternal = (member) =>
  member.privacy === 'private' ||
  member.name?.startsWith('#') ||
  (member.privacy === 'protected' && member.inheritedFrom);

export function publicSurface() {
  return {
    name: 'public-surface',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const byPath = new Map(manifest.modules.map((m) => [m.path, m]));
      /** `${path}#${name}` of every declaration a user can reach. */
      const kept = new Set();
      const seen = new Set();
      const reach = (path, name) => {
        const key = `${path}#${name}`;
        if (seen.has(key)) return;
        seen.add(key);
        const mod = byPath.get(path);
        if (!mod) return;
        const declaration = mod.declarations?.find((d) => d.name === name);
        if (declaration) {
          kept.add(key);
          const parent = declaration.superclass;
          if (parent?.module) reach(resolvePath(path, parent.module), parent.name);
          return;
        }
        for (const e of mod.exports ?? []) {
          if (e.kind === 'js' && e.name === name && e.declaration?.module) {
            reach(resolvePath(path, e.declaration.module), e.declaration.name);
          }
        }
      };
      for (const mod of manifest.modules.filter((m) => isEntry(m.path))) {
        for (const e of mod.exports ?? []) {
          if (e.declaration?.module) reach(resolvePath(mod.path, e.declaration.module), e.declaration.name);
        }
      }

      manifest.modules = manifest.modules
        .map((mod) => {
          const declarations = (mod.declarations ?? [])
            .filter((d) => kept.has(`${mod.path}#${d.name}`))
            .map((d) => (d.members ? { ...d, members: d.members.filter((m) => !isInternal(m)) } : d));
          const names = new Set(declarations.map((d) => d.name));
          const exports = isEntry(mod.path)
            ? mod.exports
            : (mod.exports ?? []).filter(
                (e) =>
                  names.has(e.declaration?.name) && resolvePath(mod.path, e.declaration.module) === mod.path,
              );
          return { ...mod, declarations, exports };
        })
        .filter((mod) => isEntry(mod.path) || mod.declarations.length > 0);
    },
  };
}
