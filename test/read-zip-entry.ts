// One entry of a zip archive (DOCX, XLSX), read through the central directory: enough for tests
// to look inside the files we write without another zip library.
import { inflateRawSync } from 'node:zlib';

/** The text of one stored or deflated entry. */
export function readZipEntry(zip: Uint8Array, name: string): string {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  let offset = view.getUint32(end + 16, true);
  const count = view.getUint16(end + 10, true);
  for (let i = 0; i < count; i += 1) {
    const method = view.getUint16(offset + 10, true);
    const size = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    const entryName = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    if (entryName === name) {
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = zip.subarray(start, start + size);
      return new TextDecoder().decode(method === 8 ? inflateRawSync(data) : data);
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} not in archive`);
}
