/**
 * A client for NASA's Mars Rover Photos API (node-fetch), for any server with the original API's shape:
 * the fake of @rqts/testing, a community mirror, or api.nasa.gov while it served the API.
 *
 * Steps of every call: build `{base}/api/v1/…?api_key=…`, GET it with a time limit, turn an error answer
 * into a `NasaApiError` that says whether trying again can help, and check the JSON's shape photo by
 * photo — nothing the server sends is trusted to be what the app expects.
 */
import fetch, { type Response } from "node-fetch";
import { NasaApiError } from "./errors";
import type { RoverName } from "./rovers";

/** One photo, as the app uses it. */
export interface MarsPhoto {
  id: number;
  rover: RoverName;
  sol: number;
  /** The camera's abbreviation, e.g. `NAVCAM`. */
  camera: string;
  /** The image's address, as the API gives it (on NASA's image hosts, or the fake's `/images/…`). */
  imgSrc: string;
  /** `YYYY-MM-DD`. */
  earthDate: string;
}

/** The photos of one answer, and how many calls the key has left (`X-RateLimit-Remaining`). */
export interface PhotoList {
  photos: MarsPhoto[];
  rateLimitRemaining: number | null;
}

export interface NasaClientOptions {
  /** The API's base, before `/api/v1` (`NASA_API_URL`). */
  baseUrl: string;
  /** Sent as `api_key` (`NASA_API_KEY`). */
  apiKey: string;
  /** Limit of one call. @defaultValue 30 s */
  timeoutMs?: number;
}

export class NasaClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: NasaClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The photos `rover` took on `sol`, from every camera or one (`GET /api/v1/rovers/{rover}/photos?sol=`). */
  async photosOfSol(rover: RoverName, sol: number, camera: string | null, signal?: AbortSignal): Promise<PhotoList> {
    const query: Record<string, string> = { sol: String(sol) };
    if (camera) query.camera = camera;
    return this.photoList(`rovers/${rover}/photos`, query, "photos", rover, signal);
  }

  /** The photos of `rover`'s most recent sol (`GET /api/v1/rovers/{rover}/latest_photos`). */
  async latestPhotos(rover: RoverName, camera: string | null, signal?: AbortSignal): Promise<PhotoList> {
    return this.photoList(`rovers/${rover}/latest_photos`, camera ? { camera } : {}, "latest_photos", rover, signal);
  }

  private async photoList(path: string, query: Record<string, string>, field: string, rover: RoverName, signal?: AbortSignal): Promise<PhotoList> {
    const { body, response } = await this.get(path, query, signal);
    const list = (body as Record<string, unknown> | null)?.[field];
    if (!Array.isArray(list)) throw new NasaApiError(`NASA's API answered without a "${field}" list (${describe(body)})`, response.status, false);
    const remaining = Number(response.headers.get("x-ratelimit-remaining") ?? Number.NaN);
    return { photos: list.map((item, index) => toPhoto(item, index, rover)), rateLimitRemaining: Number.isFinite(remaining) ? remaining : null };
  }

  private async get(path: string, query: Record<string, string>, signal?: AbortSignal): Promise<{ body: unknown; response: Response }> {
    const url = new URL(`${this.options.baseUrl}/api/v1/${path}`);
    for (const [name, value] of Object.entries({ ...query, api_key: this.options.apiKey })) url.searchParams.set(name, value);
    const shown = redactKey(url);
    const limit = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { signal: signal ? AbortSignal.any([signal, limit]) : limit, headers: { accept: "application/json" } });
    } catch (error) {
      const reason = limit.aborted ? `no answer within ${this.timeoutMs / 1000} s` : (error as Error).message;
      throw new NasaApiError(`GET ${shown} failed: ${reason}`, null, true, { cause: error });
    }
    const text = await response.text().catch(() => "");
    const body = parseJson(text);
    if (!response.ok) throw errorFor(response, body, shown);
    if (body === undefined) throw new NasaApiError(`GET ${shown} answered ${response.status} with something that is not JSON`, response.status, false);
    return { body, response };
  }
}

/** The error for an error answer: what the API said, and whether a retry can help. */
function errorFor(response: Response, body: unknown, shown: string): NasaApiError {
  const status = response.status;
  const said = apiMessage(body);
  const prefix = `NASA's API answered ${status}${said ? ` ${said}` : ""} to GET ${shown}`;
  if (status === 429) {
    const limit = response.headers.get("x-ratelimit-limit");
    const after = response.headers.get("retry-after");
    return new NasaApiError(`${prefix} (rate limit${limit ? ` of ${limit} calls` : ""} reached${after ? `; retry after ${after} s` : ""})`, status, true);
  }
  if (status >= 500) return new NasaApiError(`${prefix} (a server error: trying again later may work)`, status, true);
  if (status === 403) return new NasaApiError(`${prefix}: check NASA_API_KEY`, status, false);
  if (status === 404) return new NasaApiError(`${prefix}: check NASA_API_URL (the part before /api/v1)`, status, false);
  return new NasaApiError(prefix, status, false);
}

/** `{"error": {"code", "message"}}` (api.nasa.gov's gateway) or `{"errors": "..."}` (the API itself). */
function apiMessage(body: unknown): string {
  if (!body || typeof body !== "object") return "";
  const { error, errors } = body as { error?: { code?: unknown; message?: unknown }; errors?: unknown };
  if (error && typeof error === "object") return [error.code, error.message].filter((part) => typeof part === "string").join(": ");
  return typeof errors === "string" ? errors : "";
}

function toPhoto(item: unknown, index: number, rover: RoverName): MarsPhoto {
  const photo = item as Record<string, unknown> | null;
  const camera = photo?.camera as Record<string, unknown> | undefined;
  const fields = {
    id: photo?.id,
    sol: photo?.sol,
    camera: camera?.name,
    imgSrc: photo?.img_src,
    earthDate: photo?.earth_date,
  };
  const valid =
    Number.isSafeInteger(fields.id) &&
    Number.isSafeInteger(fields.sol) &&
    typeof fields.camera === "string" &&
    /^[A-Z0-9_]{1,40}$/.test(fields.camera) &&
    typeof fields.imgSrc === "string" &&
    typeof fields.earthDate === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(fields.earthDate);
  if (!valid) throw new NasaApiError(`NASA's API sent a photo the app cannot read at position ${index}: ${describe(item)}`, 200, false);
  return { ...(fields as Omit<MarsPhoto, "rover">), rover };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The start of a value as JSON, for error messages. */
function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 120)}…` : json;
}

/** The URL with its key hidden: error texts are stored with the job and shown on the page. */
function redactKey(url: URL): string {
  const copy = new URL(url);
  if (copy.searchParams.has("api_key")) copy.searchParams.set("api_key", "***");
  return copy.href;
}
