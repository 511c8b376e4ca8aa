/**
 * A small client for the kube-apiserver that start.sh runs: HTTPS with the generated CA,
 * a bearer token, and each `Warning` response header kept apart (node joins repeated
 * headers with ", ", which the warnings' own text also contains).
 */
import * as fs from 'fs';
import * as https from 'https';

/** What start.sh writes to STATE_DIR/server.json. */
export interface ServerInfo {
  readonly url: string;
  readonly token: string;
  readonly ca: string;
  readonly version: string;
}

export interface Response {
  readonly status: number;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: any;
  /** The text of each `Warning` header. */
  readonly warnings: string[];
}

export class ApiClient {
  /** A client for the server described by a server.json file. */
  public static fromFile(file: string): ApiClient {
    return new ApiClient(JSON.parse(fs.readFileSync(file, 'utf8')));
  }

  private readonly agent: https.Agent;

  constructor(public readonly info: ServerInfo) {
    this.agent = new https.Agent({ ca: fs.readFileSync(info.ca), keepAlive: true, maxSockets: 4 });
  }

  public request(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Response> {
    const url = new URL(path, this.info.url);
    const headers: Record<string, string | number> = {
      Authorization: `Bearer ${this.info.token}`,
      Accept: 'application/json',
    };
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers, agent: this.agent }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text (a plain-text error from a proxy or /readyz)
          }
          const warnings: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            if (res.rawHeaders[i].toLowerCase() === 'warning') warnings.push(warningText(res.rawHeaders[i + 1]));
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${url.pathname}: no answer in 60 s`)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  public close(): void {
    this.agent.destroy();
  }
}

/**
 * The text of one Warning header: `299 - "text"`, the text a quoted string with `\"` and
 * `\\` escaped (RFC 7234; the API server always uses code 299 and agent "-").
 */
export function warningText(header: string): string {
  const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(header);
  return m ? m[1].replace(/\\(.)/g, '$1') : header;
}

/** The message of a failed request: the Status object's, or the body as text. */
export function errorMessage(r: Response): string {
  if (r.body && typeof r.body === 'object' && typeof r.body.message === 'string') return r.body.message;
  return `HTTP ${r.status}: ${typeof r.body === 'string' ? r.body.trim() : JSON.stringify(r.body)}`;
}
