/** PDF bytes -> the plain-text layout parseAnnualReport reads (table cells separated by tabs). */
export async function extractPdfText(_bytes: Uint8Array): Promise<string> {
  // STUB — being written.
  throw new Error('extractPdfText is not written yet');
}
