// FileStorage in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, 阿里云 OSS, 腾讯云 COS in S3 mode),
// signed with AWS Signature V4 by aws4fetch. Path-style URLs (`<endpoint>/<bucket>/<key>`), which
// every S3-compatible server accepts; the payload's sha256 is signed so a changed body is refused.
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import type { FileStorage } from './file-storage.ts';
import { assertStorageKey } from './file-storage.ts';

export interface S3StorageOptions {
  /** e.g. https://s3.cn-north-1.amazonaws.com.cn or http://minio.internal:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Retries of a 5xx or 429 answer (aws4fetch backs off exponentially); default 3. */
  retries?: number;
}

export function createS3Storage(options: S3StorageOptions): FileStorage {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region: options.region,
    retries: options.retries ?? 3,
  });
  const base = options.endpoint.replace(/\/+$/, '');

  function urlOf(key: string): string {
    assertStorageKey(key);
    // The key's characters need no escaping (file-storage.ts); the bucket name is escaped anyway.
    return `${base}/${encodeURIComponent(options.bucket)}/${key}`;
  }

  async function failure(response: Response, what: string): Promise<Error> {
    const body = (await response.text()).slice(0, 300);
    return new Error(`S3 ${what} failed: HTTP ${response.status} ${body}`);
  }

  return {
    async put(key, bytes, contentType) {
      const response = await client.fetch(urlOf(key), {
        method: 'PUT',
        body: bytes,
        headers: {
          'content-type': contentType,
          'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
        },
      });
      if (!response.ok) throw await failure(response, `PUT ${key}`);
      await response.arrayBuffer();
    },

    async get(key) {
      const response = await client.fetch(urlOf(key), { method: 'GET' });
      if (response.status === 404) {
        await response.arrayBuffer();
        return null;
      }
      if (!response.ok) throw await failure(response, `GET ${key}`);
      return new Uint8Array(await response.arrayBuffer());
    },

    async delete(key) {
      const response = await client.fetch(urlOf(key), { method: 'DELETE' });
      // S3 answers 204 whether or not the key existed; some servers answer 404 for a missing key.
      if (!response.ok && response.status !== 404) throw await failure(response, `DELETE ${key}`);
      await response.arrayBuffer();
    },
  };
}
