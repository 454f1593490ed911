// Content-Disposition with a Chinese file name: an ASCII fallback for old clients plus the
// UTF-8 name encoded per RFC 5987 / RFC 6266 (filename*=UTF-8''…), which browsers prefer.

/** RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * ! unencoded, but they are not attr-chars. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(fileName: string, asciiFallback: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
