import { request } from 'node:http';

/**
 * The status of a GET sent with exactly these headers: node:http, since fetch adds
 * Cache-Control: no-cache to a conditional request, which makes any server answer it in full.
 */
export function statusOf(url: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject).end();
  });
}
