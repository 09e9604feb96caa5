/**
 * The pixel size an image file declares in its header, read without decoding it, so that
 * a 10,000×10,000 photo is refused before the browser spends 400 MB on its pixels.
 * Covers PNG, JPEG, GIF, WebP and BMP; `undefined` for anything else (the caller then
 * decodes and checks the real size).
 */
export interface ImageSize {
  width: number;
  height: number;
}

/** How much of a file to read: JPEG's size sits after its metadata (EXIF, ICC), usually in the first few KB. */
export const HEADER_BYTES = 256 * 1024;

export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  const ascii = (at: number, text: string) =>
    has(at + text.length) && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));
  // PNG: signature, then the IHDR chunk with big-endian width and height.
  if (ascii(1, 'PNG') && bytes[0] === 0x89 && ascii(12, 'IHDR') && has(24)) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (ascii(0, 'GIF8') && has(10)) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (ascii(0, 'BM') && has(26))
    return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return webpSize(bytes, view);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  return undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  const chunk = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    const u24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return undefined;
}

/** Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC), which holds the size. */
function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    // Markers without a length: restart markers and the end of the image.
    if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      at += 2;
      continue;
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}
