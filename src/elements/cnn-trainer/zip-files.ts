/**
 * A zip of class folders (the `flow_from_directory` layout, zipped): its entries become
 * the same path-and-file list a dropped folder gives. The zip library (fflate) is imported
 * only when a zip arrives, so it is not part of the trainer's first load.
 */
import { DatasetError } from '../../core/training/example-set.js';
import type { PathFile } from './folder-drop.js';

/** Largest single entry unpacked (a photo is a few MB); larger ones are skipped and listed. */
const MAX_ENTRY = 40 * 1024 * 1024;
/** Most bytes unpacked from one zip, so that a zip bomb cannot fill the tab's memory. */
const MAX_UNPACKED = 512 * 1024 * 1024;

export function isZip(file: PathFile): boolean {
  return (
    /\.zip$/i.test(file.path) ||
    file.file.type === 'application/zip' ||
    file.file.type === 'application/x-zip-compressed'
  );
}

/** Entries a zip tool adds that are not the reader's files (macOS resource forks, hidden files). */
function isMetadata(path: string): boolean {
  return path.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'));
}

/**
 * Replaces each zip among `files` with its entries (their paths inside the zip). Entries too
 * large to unpack are listed in `skipped`; a file that is not a readable zip is a DatasetError.
 */
export async function expandZips(
  files: readonly PathFile[],
): Promise<{ files: PathFile[]; skipped: string[] }> {
  const out: PathFile[] = [];
  const skipped: string[] = [];
  for (const item of files) {
    if (!isZip(item)) {
      out.push(item);
      continue;
    }
    const { unzip } = await import('fflate');
    const bytes = new Uint8Array(await item.file.arrayBuffer());
    let unpacked = 0;
    const entries = await new Promise<Record<string, Uint8Array>>((resolve, reject) =>
      unzip(
        bytes,
        {
          filter: (entry) => {
            if (entry.name.endsWith('/') || isMetadata(entry.name)) return false;
            if (entry.originalSize > MAX_ENTRY || unpacked + entry.originalSize > MAX_UNPACKED) {
              skipped.push(
                `${item.path}/${entry.name}: too large to unpack (${Math.round(entry.originalSize / 1024 / 1024)} MB)`,
              );
              return false;
            }
            unpacked += entry.originalSize;
            return true;
          },
        },
        (error, data) => (error ? reject(error) : resolve(data)),
      ),
    ).catch((e: unknown) => {
      throw new DatasetError(
        `${item.path} could not be read as a zip: ${e instanceof Error ? e.message : String(e)}. Zip the class folders again, or drop the folder itself.`,
      );
    });
    for (const [path, data] of Object.entries(entries)) {
      // No type: an image is recognised by its name (and decoded by its bytes), as for a dropped folder.
      out.push({
        path,
        file: new File([data as Uint8Array<ArrayBuffer>], path.slice(path.lastIndexOf('/') + 1)),
      });
    }
  }
  return { files: out, skipped };
}
