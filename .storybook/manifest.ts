/**
 * custom-elements.json as Storybook should see it. `npm run analyze` writes the
 * file from the elements' JSDoc; Storybook turns each entry into a control and a
 * docs row, keyed by name.
 */
import manifest from '../custom-elements.json';

export interface ManifestMember {
  kind: string;
  name: string;
  static?: boolean;
  privacy?: string;
  readonly?: boolean;
  attribute?: string;
}

export interface ManifestDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  members?: ManifestMember[];
  attributes?: { name: string; fieldName?: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  slots?: { name: string }[];
}

interface Manifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}

/** The `::part(name)` key a CSS part gets in Storybook (see `storybookManifest`). */
export const partKey = (name: string): string => `::part(${name})`;

/**
 * The manifest with two changes:
 * - private, protected and static members dropped: the reader needs the public API;
 * - CSS parts named `::part(name)`, the selector an author writes. Storybook keys
 *   argTypes by bare name, so a part and an attribute of the same name (the
 *   `backend` badge and the `backend` attribute) would otherwise overwrite each other.
 */
export const storybookManifest: Manifest = {
  ...(manifest as Manifest),
  modules: (manifest as Manifest).modules.map((mod) => ({
    ...mod,
    declarations: mod.declarations?.map((decl) => ({
      ...decl,
      members: decl.members?.filter((m) => !m.static && (m.privacy ?? 'public') === 'public'),
      cssParts: decl.cssParts?.map((p) => ({ ...p, name: partKey(p.name) })),
    })),
  })),
};

/** The manifest's declaration of one tag; throws when `npm run analyze` has not seen it. */
export function declarationOf(tag: string): ManifestDeclaration {
  for (const mod of storybookManifest.modules) {
    for (const decl of mod.declarations ?? []) if (decl.tagName === tag) return decl;
  }
  throw new Error(`<${tag}> is not in custom-elements.json: run \`npm run analyze\`.`);
}
