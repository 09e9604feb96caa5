/**
 * The reader's project as one JSON document: class names, examples, the settings that
 * rebuild the network, and the model's weights, to keep in IndexedDB under a name or in
 * one downloaded file. Plain data and IndexedDB: no tfjs (the element captures the
 * weights with tfjs and hands them over as bytes).
 */
import {
  DatasetError,
  EXAMPLE_BYTES,
  parseClasses,
  type ExampleSet,
  type ExampleSource,
} from './example-set.js';
import { explainStorageRefusal } from '../runtime/browser-storage.js';

export const PROJECT_FORMAT = 'cnn-trainer-project';

export interface ProjectSettings {
  preset: string;
  layers?: string;
  base?: string;
  baseUrl?: string;
  basePreprocess?: string;
  fineTune: number;
  seed: number;
}

export interface Project {
  classes: string[];
  /** Each class's examples, 784 bytes each, one after the other. */
  examples: Record<string, Uint8Array>;
  /** Each example's source picture, in the same order (null where it has none); absent in older files. */
  sources?: Record<string, (ExampleSource | null)[]>;
  settings: ProjectSettings;
  /** The weights of the model (absent: not built yet). */
  weights?: SavedWeights;
}

/** A model's weights in its weight order: their shapes, and their values as float32 bytes. */
export interface SavedWeights {
  shapes: number[][];
  data: Uint8Array;
}

/** A dataset's part of a project: its classes, and each class's examples and their source pictures. */
export function packExamples(set: ExampleSet): Pick<Project, 'classes' | 'examples' | 'sources'> {
  const { classes } = set;
  const examples: Project['examples'] = {};
  const sources: NonNullable<Project['sources']> = {};
  for (const c of classes) {
    const list = set.examplesOf(c);
    const bytes = new Uint8Array(list.length * EXAMPLE_BYTES);
    list.forEach((e, i) => bytes.set(e, i * EXAMPLE_BYTES));
    examples[c] = bytes;
    sources[c] = list.map((e) => set.sourceOf(e) ?? null);
  }
  return { classes: [...classes], examples, sources };
}

/** Replaces a dataset's classes and examples with a project's. */
export function unpackExamples(set: ExampleSet, project: Project): void {
  set.setClasses(project.classes);
  set.clear();
  for (const c of project.classes) {
    const bytes = project.examples[c];
    for (let i = 0; i < bytes.length; i += EXAMPLE_BYTES)
      set.add(c, bytes.slice(i, i + EXAMPLE_BYTES), project.sources?.[c]?.[i / EXAMPLE_BYTES] ?? undefined);
  }
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export function projectToJson(project: Project): string {
  return JSON.stringify({
    format: PROJECT_FORMAT,
    version: 1,
    classes: project.classes,
    examples: Object.fromEntries(Object.entries(project.examples).map(([k, v]) => [k, toBase64(v)])),
    sources:
      project.sources &&
      Object.fromEntries(
        Object.entries(project.sources).map(([k, list]) => [
          k,
          list.map((p) => p && { ...p, data: toBase64(p.data) }),
        ]),
      ),
    settings: project.settings,
    weights: project.weights && { shapes: project.weights.shapes, data: toBase64(project.weights.data) },
  });
}

/** Reads a project back; a DatasetError says what is wrong with the file. */
export function projectFromJson(text: string): Project {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new DatasetError('The file is not a cnn-trainer project (it is not JSON).');
  }
  if (raw?.format !== PROJECT_FORMAT)
    throw new DatasetError('The file is not a cnn-trainer project (no "format": "cnn-trainer-project").');
  try {
    const classes = parseClasses(raw.classes as unknown[]);
    const examples: Record<string, Uint8Array> = {};
    for (const name of classes) {
      const bytes = fromBase64(String((raw.examples as Record<string, string>)?.[name] ?? ''));
      if (bytes.length % EXAMPLE_BYTES) throw new DatasetError(`The examples of "${name}" are cut short.`);
      examples[name] = bytes;
    }
    const w = raw.weights as { shapes: number[][]; data: string } | undefined;
    const rawSources = raw.sources as
      | Record<string, ({ width: number; height: number; channels: 1 | 3; data: string } | null)[]>
      | undefined;
    let sources: Project['sources'];
    if (rawSources) {
      sources = {};
      for (const name of classes) {
        const list = rawSources[name] ?? [];
        sources[name] = list.map((p) => {
          if (!p) return null;
          const data = fromBase64(p.data);
          if (data.length !== p.width * p.height * p.channels || (p.channels !== 1 && p.channels !== 3)) {
            throw new DatasetError(`A picture of "${name}" is cut short.`);
          }
          return { width: p.width, height: p.height, channels: p.channels, data };
        });
      }
    }
    return {
      classes,
      examples,
      sources,
      settings: raw.settings as ProjectSettings,
      weights: w && { shapes: w.shapes, data: fromBase64(w.data) },
    };
  } catch (e) {
    throw e instanceof DatasetError
      ? e
      : new DatasetError(`The project file is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const DB = 'cnn-trainer-projects';
const STORE = 'projects';

/** Where browser storage is refused, the project still travels as a file. */
const refused = (e: unknown) =>
  explainStorageRefusal(e, 'Use Download project, and Load project to bring it back.');

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      // Reading `indexedDB` itself throws in a sandboxed frame.
      request = indexedDB.open(DB, 1);
    } catch (e) {
      reject(refused(e));
      return;
    }
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(refused(request.error));
  });
}

async function transact<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export async function storeProject(name: string, json: string): Promise<void> {
  await transact('readwrite', (s) => s.put(json, name));
}

export async function fetchProject(name: string): Promise<string> {
  const json = await transact('readonly', (s) => s.get(name) as IDBRequest<string | undefined>);
  if (json === undefined)
    throw new DatasetError(`There is no project saved in this browser under the name "${name}".`);
  return json;
}
