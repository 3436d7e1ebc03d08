/**
 * A fake NASA Mars Rover Photos API (the archived `api.nasa.gov/mars-photos`, SCENARIOS.md §2.1).
 *
 * It serves the API's routes and JSON shapes from authored fixtures (`nasa-fixtures.ts`), behind
 * api.nasa.gov's gateway behaviour: an `api_key` query parameter, per-key rate limits with
 * `X-RateLimit-*` headers, and the gateway's `{error: {code, message}}` bodies. Every `img_src`
 * points back at this fake (`/images/<id>.png`), which serves a small generated PNG.
 *
 * Routes (each also under a `/mars-photos` prefix, so an app configured with the real base URL
 * `https://api.nasa.gov/mars-photos` only swaps the origin):
 * - `GET /api/v1/rovers` → `{rovers}`; `GET /api/v1/rovers/:rover` → `{rover}`
 * - `GET /api/v1/rovers/:rover/photos?sol=|earth_date=[&camera=][&page=][&per_page=]` → `{photos}`
 * - `GET /api/v1/rovers/:rover/latest_photos[?camera=][&page=]` → `{latest_photos}`
 * - `GET /api/v1/manifests/:rover` → `{photo_manifest}`
 * - `GET /api/v1/photos/:id` → `{photo}`
 * - `GET /images/:id.png` → the photo (no key needed: real images lived on another host)
 */
import { sendJson, send, startFakeServer, type FakeRequest, type FakeServer, type FakeServerOptions, type Route } from "./http.js";
import { buildPhotos, fixtureSols, photoColours, ROVERS, type MarsPhotoFixture, type RoverName } from "./nasa-fixtures.js";
import { tinyPng } from "./png.js";

export type { MarsPhotoFixture, RoverName } from "./nasa-fixtures.js";

export interface FakeNasaOptions extends FakeServerOptions {
  /**
   * Values accepted in the `api_key` query parameter. A missing key answers 403 `API_KEY_MISSING`,
   * any other value 403 `API_KEY_INVALID`.
   * @defaultValue `["DEMO_KEY"]`
   */
  apiKeys?: string[];
  /**
   * Requests each key may make before the fake answers 429 `OVER_RATE_LIMIT` (until `reset()`, or
   * the end of the window with `rateLimitWindowMs`).
   * Sent as `X-RateLimit-Limit`; `X-RateLimit-Remaining` counts down.
   * @defaultValue 1000 (api.nasa.gov's hourly allowance for a registered key; DEMO_KEY really had far less)
   */
  rateLimit?: number;
  /**
   * Length of a rate-limit window in milliseconds: a key's count starts again with its first request
   * after the window ends (api.nasa.gov's limits are hourly). `Retry-After` then says how long is left.
   * @defaultValue none (a key's count lasts until `reset()`)
   */
  rateLimitWindowMs?: number;
  /**
   * Photos per page when the request has a `page` parameter and no `per_page`.
   * @defaultValue 25 (the API's default page size)
   */
  perPage?: number;
}

/** A running fake Mars Rover Photos API. */
export interface FakeNasa extends FakeServer {
  /** The first accepted API key, handy for building request URLs in tests. */
  readonly apiKey: string;
  /** Every photo in the fixtures, optionally for one rover (ordered by sol, then camera). */
  photos(rover?: RoverName): readonly MarsPhotoFixture[];
  /** Also gives every key its full `rateLimit` again. */
  reset(): void;
}

/** The API's page size. */
export const NASA_DEFAULT_PER_PAGE = 25;
/** Rate limit per key unless `rateLimit` says otherwise. */
export const NASA_DEFAULT_RATE_LIMIT = 1000;

const PREFIX = "(?:/mars-photos)?/api/v1";

/** Starts the fake NASA API on a free port of 127.0.0.1. */
export async function startFakeNasa(options: FakeNasaOptions = {}): Promise<FakeNasa> {
  const apiKeys = options.apiKeys ?? ["DEMO_KEY"];
  const apiKey = apiKeys[0];
  if (apiKey === undefined) throw new RangeError("startFakeNasa: apiKeys must name at least one key");
  const rateLimit = positiveInteger("rateLimit", options.rateLimit ?? NASA_DEFAULT_RATE_LIMIT);
  const defaultPerPage = positiveInteger("perPage", options.perPage ?? NASA_DEFAULT_PER_PAGE);
  const windowMs = options.rateLimitWindowMs === undefined ? undefined : positiveInteger("rateLimitWindowMs", options.rateLimitWindowMs);
  /** Requests per key in its current window, and when that window started. */
  const used = new Map<string, { count: number; since: number }>();
  const allPhotos = buildPhotos();
  const photosById = new Map(allPhotos.map((photo) => [photo.id, photo]));
  const photosOf = (rover: RoverName) => allPhotos.filter((photo) => photo.rover === rover);

  /** The gateway in front of every API route: checks the key and counts the request against its limit. */
  const api =
    (handle: (request: FakeRequest, params: Readonly<Record<string, string>>, headers: Record<string, string>) => void): Route["handle"] =>
    (request, params) => {
      const key = request.url.searchParams.get("api_key");
      if (!key) return gatewayError(request, 403, "API_KEY_MISSING", "No api_key was supplied. Get one at https://api.nasa.gov");
      if (!apiKeys.includes(key)) {
        return gatewayError(request, 403, "API_KEY_INVALID", "An invalid api_key was supplied. Get one at https://api.nasa.gov");
      }
      const now = Date.now();
      const previous = used.get(key);
      const window = previous && (windowMs === undefined || now - previous.since < windowMs) ? previous : { count: 0, since: now };
      const count = window.count + 1;
      used.set(key, { count, since: window.since });
      if (count > rateLimit) {
        const retryAfter = windowMs === undefined ? 3600 : Math.max(1, Math.ceil((window.since + windowMs - now) / 1000));
        return rateLimited(request, rateLimit, retryAfter);
      }
      handle(request, params, { "X-RateLimit-Limit": String(rateLimit), "X-RateLimit-Remaining": String(rateLimit - count) });
    };

  /** Runs `handle` for a known rover; any other name gets the API's own 400. */
  const withRover =
    (handle: (request: FakeRequest, rover: RoverName, headers: Record<string, string>) => void) =>
    (request: FakeRequest, params: Readonly<Record<string, string>>, headers: Record<string, string>) => {
      const rover = params.rover?.toLowerCase() ?? "";
      if (!isRoverName(rover)) return sendJson(request.res, 400, { errors: "Invalid Rover Name" }, headers);
      handle(request, rover, headers);
    };

  const routes: Route[] = [
    {
      method: "GET",
      pattern: new RegExp(`^${PREFIX}/rovers/?$`),
      handle: api((request, _params, headers) =>
        sendJson(request.res, 200, { rovers: roverNames().map((rover) => roverJson(rover, photosOf(rover))) }, headers),
      ),
    },
    {
      method: "GET",
      pattern: new RegExp(`^${PREFIX}/rovers/(?<rover>[^/]+)/?$`),
      handle: api(withRover((request, rover, headers) => sendJson(request.res, 200, { rover: roverJson(rover, photosOf(rover)) }, headers))),
    },
    {
      method: "GET",
      pattern: new RegExp(`^${PREFIX}/rovers/(?<rover>[^/]+)/photos/?$`),
      handle: api(
        withRover((request, rover, headers) => {
          const query = request.url.searchParams;
          const photos = photosOf(rover).filter(matchesDay(query.get("sol"), query.get("earth_date")));
          const page = paginate(filterCamera(photos, query.get("camera")), query, defaultPerPage);
          sendJson(request.res, 200, { photos: page.map((photo) => photoJson(photo, request.baseUrl, photosOf(rover))) }, headers);
        }),
      ),
    },
    {
      method: "GET",
      pattern: new RegExp(`^${PREFIX}/rovers/(?<rover>[^/]+)/latest_photos/?$`),
      handle: api(
        withRover((request, rover, headers) => {
          const photos = photosOf(rover);
          const maxSol = Math.max(...photos.map((photo) => photo.sol));
          const latest = filterCamera(
            photos.filter((photo) => photo.sol === maxSol),
            request.url.searchParams.get("camera"),
          );
          const page = paginate(latest, request.url.searchParams, defaultPerPage);
          sendJson(request.res, 200, { latest_photos: page.map((photo) => photoJson(photo, request.baseUrl, photos)) }, headers);
        }),
      ),
    },
    {
      method: "GET",
      pattern: new RegExp(`^${PREFIX}/manifests/(?<rover>[^/]+)/?$`),
      handle: api(withRover((request, rover, headers) => sendJson(request.res, 200, manifestJson(rover, photosOf(rover)), headers))),
    },
    {
      method: "GET",
      pattern: new RegExp(`^${PREFIX}/photos/(?<id>\\d+)/?$`),
      handle: api((request, params, headers) => {
        const photo = photosById.get(Number(params.id));
        if (!photo) return sendJson(request.res, 404, { errors: "Photo not found" }, headers);
        sendJson(request.res, 200, { photo: photoJson(photo, request.baseUrl, photosOf(photo.rover)) }, headers);
      }),
    },
    {
      method: "GET",
      pattern: /^\/images\/(?<id>\d+)\.png$/,
      handle(request, params) {
        const photo = photosById.get(Number(params.id));
        if (!photo) return sendJson(request.res, 404, { errors: "Image not found" });
        send(request.res, 200, tinyPng(photo.width, photo.height, ...photoColours(photo)), "image/png", {
          "Cache-Control": "public, max-age=86400",
        });
      },
    },
  ];

  const core = await startFakeServer({
    routes,
    latencyMs: options.latencyMs,
    // api.nasa.gov's gateway answered unknown paths with its own NOT_FOUND body.
    notFound: (request) => gatewayError(request, 404, "NOT_FOUND", `No api.nasa.gov route matches ${request.url.pathname}`),
    renderFailure(request, status) {
      if (status === 429) return rateLimited(request, rateLimit);
      gatewayError(request, status, status >= 500 ? "INTERNAL_SERVER_ERROR" : "FORCED_FAILURE", `Failure injected by the fake (HTTP ${status})`);
    },
  });

  return {
    ...core,
    apiKey,
    photos: (rover) => (rover ? photosOf(rover) : allPhotos),
    reset() {
      core.reset();
      used.clear();
    },
  };
}

/** The gateway's error body: `{"error": {"code": "...", "message": "..."}}`. */
function gatewayError(request: FakeRequest, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(request.res, status, { error: { code, message } }, headers);
}

function rateLimited(request: FakeRequest, limit: number, retryAfterSeconds = 3600): void {
  gatewayError(request, 429, "OVER_RATE_LIMIT", "You have exceeded your rate limit. Try again later.", {
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": "0",
    "Retry-After": String(retryAfterSeconds),
  });
}

/**
 * The API's day filter: `sol` wins over `earth_date`; with neither, nothing matches (an empty list,
 * not an error). A `sol` that is not a number matches nothing, as Rails casts it to 0.
 */
function matchesDay(sol: string | null, earthDate: string | null): (photo: MarsPhotoFixture) => boolean {
  if (sol !== null) return (photo) => String(photo.sol) === sol.trim();
  if (earthDate !== null) return (photo) => photo.earthDate === earthDate.trim();
  return () => false;
}

/** `camera` matches the camera's abbreviation, ignoring case. */
function filterCamera(photos: MarsPhotoFixture[], cameraName: string | null): MarsPhotoFixture[] {
  if (!cameraName) return photos;
  return photos.filter((photo) => photo.camera.name === cameraName.toUpperCase());
}

/** Without `page` the API returned every match; with it, `per_page` (default 25) from page 1. */
function paginate(photos: MarsPhotoFixture[], query: URLSearchParams, defaultPerPage: number): MarsPhotoFixture[] {
  const pageParam = query.get("page");
  if (pageParam === null) return photos;
  const page = Math.max(1, Number.parseInt(pageParam, 10) || 1);
  const perPage = Math.max(1, Number.parseInt(query.get("per_page") ?? "", 10) || defaultPerPage);
  return photos.slice((page - 1) * perPage, page * perPage);
}

function photoJson(photo: MarsPhotoFixture, baseUrl: string, roverPhotos: MarsPhotoFixture[]) {
  const rover = ROVERS[photo.rover];
  return {
    id: photo.id,
    sol: photo.sol,
    camera: { id: photo.camera.id, name: photo.camera.name, rover_id: rover.id, full_name: photo.camera.fullName },
    img_src: `${baseUrl}/images/${photo.id}.png`,
    earth_date: photo.earthDate,
    rover: roverJson(photo.rover, roverPhotos),
  };
}

function roverJson(name: RoverName, photos: MarsPhotoFixture[]) {
  const rover = ROVERS[name];
  const maxSol = photos.reduce((max, photo) => Math.max(max, photo.sol), 0);
  return {
    id: rover.id,
    name: rover.name,
    landing_date: rover.landingDate,
    launch_date: rover.launchDate,
    status: rover.status,
    max_sol: maxSol,
    max_date: photos.find((photo) => photo.sol === maxSol)?.earthDate ?? rover.landingDate,
    total_photos: photos.length,
    cameras: rover.cameras.map((cam) => ({ name: cam.name, full_name: cam.fullName })),
  };
}

/** The manifest lists only sols that have photos, each with its count and the cameras used. */
function manifestJson(name: RoverName, photos: MarsPhotoFixture[]) {
  const { name: roverName, landing_date, launch_date, status, max_sol, max_date, total_photos } = roverJson(name, photos);
  const sols = fixtureSols(name)
    .map((sol) => photos.filter((photo) => photo.sol === sol))
    .filter((day) => day.length > 0)
    .map((day) => ({
      sol: day[0]!.sol,
      earth_date: day[0]!.earthDate,
      total_photos: day.length,
      cameras: [...new Set(day.map((photo) => photo.camera.name))],
    }));
  return { photo_manifest: { name: roverName, landing_date, launch_date, status, max_sol, max_date, total_photos, photos: sols } };
}

function roverNames(): RoverName[] {
  return Object.keys(ROVERS) as RoverName[];
}

function isRoverName(name: string): name is RoverName {
  return Object.hasOwn(ROVERS, name);
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`startFakeNasa: ${name} must be an integer >= 1, got ${value}`);
  return value;
}
