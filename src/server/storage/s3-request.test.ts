// What the S3 storage sends, checked where s3rver cannot (it does not verify V4 signatures): the
// signing library against AWS's published example, and our requests' shape on a recording server.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsV4Signer } from 'aws4fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createS3Storage } from './s3-storage.ts';

describe('AWS Signature V4 (aws4fetch)', () => {
  it('reproduces the GET Object example of the S3 SigV4 documentation', async () => {
    // docs.aws.amazon.com, "Signature Calculations for the Authorization Header: Transferring
    // Payload in a Single Chunk", Example: GET Object.
    const signer = new AwsV4Signer({
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      service: 's3',
      region: 'us-east-1',
      datetime: '20130524T000000Z',
      allHeaders: true,
    });
    const { headers } = await signer.sign();
    expect(headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('s3 storage requests', () => {
  const seen: Seen[] = [];
  let failuresLeft = 0;
  let server: Server | undefined;
  let endpoint = '';

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          response.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
        } else if (request.method === 'GET') response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF');
        else response.writeHead(request.method === 'DELETE' ? 204 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s3/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    failuresLeft = 0;
  });

  const storage = (retries = 0) => createS3Storage({ endpoint, bucket: 'gongkai-files', region: 'cn-north-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', retries });

  it('PUT: path-style URL under the endpoint path, the payload sha256 signed, the content type sent', async () => {
    await storage().put('attachments/3/abc-0123456789abcdef', new TextEncoder().encode('Welcome to Amazon S3.'), 'application/pdf');
    expect(seen).toHaveLength(1);
    const [put] = seen;
    expect(put!.method).toBe('PUT');
    expect(put!.url).toBe('/s3/gongkai-files/attachments/3/abc-0123456789abcdef');
    expect(put!.body).toBe('Welcome to Amazon S3.');
    expect(put!.headers['content-type']).toBe('application/pdf');
    // The SHA-256 of "Welcome to Amazon S3." as printed in AWS's PUT Object example.
    expect(put!.headers['x-amz-content-sha256']).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const date = String(put!.headers['x-amz-date']);
    expect(date).toMatch(/^\d{8}T\d{6}Z$/);
    expect(put!.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${date.slice(0, 8)}/cn-north-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$`),
    );
  });

  it('GET and DELETE: the same URL, no payload to sign', async () => {
    expect(new TextDecoder().decode((await storage().get('attachments/3/x'))!)).toBe('%PDF');
    await storage().delete('attachments/3/x');
    expect(seen.map((request) => `${request.method} ${request.url} ${request.headers['x-amz-content-sha256']}`)).toEqual([
      'GET /s3/gongkai-files/attachments/3/x UNSIGNED-PAYLOAD',
      'DELETE /s3/gongkai-files/attachments/3/x UNSIGNED-PAYLOAD',
    ]);
  });

  it('retries a 503 as configured, and reports it when the retries run out', async () => {
    failuresLeft = 2;
    await storage(2).put('attachments/3/retried', new Uint8Array([1]), 'application/octet-stream');
    expect(seen.map((request) => request.method)).toEqual(['PUT', 'PUT', 'PUT']);
    seen.length = 0;
    failuresLeft = 1;
    await expect(storage(0).put('attachments/3/failed', new Uint8Array([1]), 'application/octet-stream')).rejects.toThrow('S3 PUT attachments/3/failed failed: HTTP 503 <Error><Code>SlowDown</Code></Error>');
    expect(seen).toHaveLength(1);
  });
});
