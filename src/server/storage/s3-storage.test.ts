// The S3 storage against s3rver, a local S3-compatible server with the fixed credentials
// S3RVER / S3RVER. s3rver 3.7.1 checks the access key id of a V4 signature but not the signature
// itself (its authentication.js: "Signature version 4 calculation is unimplemented").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClient } from 'aws4fetch';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStorage } from './file-storage.ts';
import { describeFileStorageContract } from './file-storage-contract.ts';
import { createS3Storage } from './s3-storage.ts';

const BUCKET = 'gongkai-test';
const directory = mkdtempSync(join(tmpdir(), 'gongkai-s3rver-'));
let server: S3rver | undefined;
let endpoint = '';
let storage: FileStorage | undefined;

beforeAll(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  storage = createS3Storage({ endpoint, bucket: BUCKET, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
});

afterAll(async () => {
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

describeFileStorageContract('s3 (s3rver)', () => {
  if (storage === undefined) throw new Error('s3rver is started in beforeAll');
  return storage;
});

describe('s3 storage', () => {
  it('stores the object at <bucket>/<key> with its content type (read back with a plain signed GET)', async () => {
    await storage!.put('attachments/12/typed', new TextEncoder().encode('GIF89a'), 'image/gif');
    const client = new AwsClient({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', service: 's3', region: 'us-east-1' });
    const response = await client.fetch(`${endpoint}/${BUCKET}/attachments/12/typed`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(await response.text()).toBe('GIF89a');
  });

  it('fails loudly with credentials the server does not know', async () => {
    const wrong = createS3Storage({ endpoint, bucket: BUCKET, region: 'us-east-1', accessKeyId: 'UNKNOWN', secretAccessKey: 'S3RVER', retries: 0 });
    await expect(wrong.put('attachments/12/refused', new Uint8Array([1]), 'application/octet-stream')).rejects.toThrow(/HTTP 403.*InvalidAccessKeyId/s);
    expect(await storage!.get('attachments/12/refused')).toBeNull();
  });

  it('fails loudly for a bucket that does not exist', async () => {
    const missing = createS3Storage({ endpoint: `${endpoint}/`, bucket: 'no-such-bucket', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', retries: 0 });
    await expect(missing.put('attachments/1/x', new Uint8Array([1]), 'application/octet-stream')).rejects.toThrow(/HTTP 404.*NoSuchBucket/s);
  });
});
