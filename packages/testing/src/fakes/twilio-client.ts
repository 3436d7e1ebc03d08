/**
 * Points the real `twilio` SDK at a fake Twilio.
 *
 * The SDK has no base-URL option (`edge`/`region` only change the hostname), so the way in is
 * its `httpClient` option: a `twilio.RequestClient` subclass that swaps the scheme and host of
 * every request's URI for the fake's, keeping path, query, auth and body (TOOLCHAIN.md).
 *
 * `twilio` is an optional peer dependency: it is loaded on the first call, through `require`
 * (it is CommonJS), so importing `@rqts/testing` never needs it.
 */
import { createRequire } from "node:module";
import type RequestClient from "twilio/lib/base/RequestClient.js";

type TwilioModule = typeof import("twilio");

const require = createRequire(import.meta.url);
let FakeHostRequestClient: (new (target: URL, options?: RequestClient.RequestClientOptions) => RequestClient) | undefined;

/**
 * A `RequestClient` for `twilio(accountSid, authToken, { httpClient })` that sends every request
 * to `baseUrl` (e.g. `fake.url`) instead of `https://*.twilio.com`.
 *
 * @param baseUrl - The fake's origin; any path in it is ignored.
 * @param options - Passed to `RequestClient`, e.g. `{ autoRetry: true, maxRetryDelay: 50 }`.
 */
export function fakeTwilioHttpClient(baseUrl: string, options?: RequestClient.RequestClientOptions): RequestClient {
  let target: URL;
  try {
    target = new URL(baseUrl);
  } catch {
    throw new TypeError(`fakeTwilioHttpClient: baseUrl must be an absolute URL like "http://127.0.0.1:4010", got "${baseUrl}"`);
  }
  FakeHostRequestClient ??= defineClient((require("twilio") as TwilioModule).RequestClient);
  return new FakeHostRequestClient(target, options);
}

function defineClient(Base: TwilioModule["RequestClient"]) {
  return class FakeHostRequestClient extends Base {
    constructor(
      private readonly target: URL,
      options?: RequestClient.RequestClientOptions,
    ) {
      super(options);
    }

    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const uri = new URL(opts.uri);
      uri.protocol = this.target.protocol;
      uri.host = this.target.host;
      return super.request({ ...opts, uri: uri.toString() });
    }
  };
}
