// Text -> GBK bytes, as Excel on Chinese Windows saves a CSV. Node has no GBK encoder, so the
// table is built once from the WHATWG gb18030 decoder over the two-byte GBK range.
let table: Map<string, number[]> | undefined;

function gbkTable(): Map<string, number[]> {
  if (table !== undefined) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

export function encodeGbk(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = gbkTable().get(ch);
    if (pair === undefined) throw new Error(`not in GBK: ${ch}`);
    bytes.push(...pair);
  }
  return new Uint8Array(bytes);
}
