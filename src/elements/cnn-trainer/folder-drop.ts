/**
 * Reading a dropped folder in the `flow_from_directory` layout: one subfolder per class,
 * the images inside. Works on what a drop gives (`webkitGetAsEntry`) and on what a
 * directory picker gives (`webkitRelativePath`): both become a list of paths.
 */

/** One file and its path inside the drop, e.g. `symbols/tick/01.png`. */
export interface PathFile {
  path: string;
  file: Blob & { name?: string };
}

/**
 * The class of each file: its folder's name. A drop of one root folder (`symbols/tick/…`)
 * and a drop of the class folders themselves (`tick/…`) read the same; loose files with
 * no folder come back in `loose`.
 */
export function groupByFolder(files: readonly PathFile[]): {
  classes: string[];
  byClass: Map<string, PathFile[]>;
  loose: PathFile[];
} {
  const parts = files.map((f) => f.path.split('/').filter(Boolean));
  // One common root folder above every file: skip it.
  const root = parts.every((p) => p.length >= 3 && p[0] === parts[0][0]) ? 1 : 0;
  const byClass = new Map<string, PathFile[]>();
  const loose: PathFile[] = [];
  files.forEach((f, i) => {
    const p = parts[i];
    if (p.length - root < 2) {
      loose.push(f);
      return;
    }
    const name = p[root];
    if (!byClass.has(name)) byClass.set(name, []);
    byClass.get(name)!.push(f);
  });
  return { classes: [...byClass.keys()], byClass, loose };
}

type Entry = FileSystemEntry;

function readAll(dir: FileSystemDirectoryEntry): Promise<Entry[]> {
  const reader = dir.createReader();
  const out: Entry[] = [];
  // readEntries returns at most ~100 entries a call: read until it returns none.
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: Entry, out: PathFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
  } else if (entry.isDirectory) {
    for (const child of await readAll(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/** Every file of a drop with its path (folders walked), or the plain files where the browser gives no entries. */
export async function droppedFiles(transfer: DataTransfer): Promise<PathFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is Entry => !!e);
  if (entries.length === 0) return [...transfer.files].map((file) => ({ path: file.name, file }));
  const out: PathFile[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}
