import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readPngSize, startFakeNasa, type FakeNasa } from "../../src/index.js";

interface PhotoJson {
  id: number;
  sol: number;
  img_src: string;
  earth_date: string;
  camera: { id: number; name: string; rover_id: number; full_name: string };
  rover: { id: number; name: string; max_sol: number; total_photos: number; cameras: { name: string; full_name: string }[] };
}

describe("fake NASA Mars Rover Photos API", () => {
  let nasa: FakeNasa;
  const api = (path: string, query: Record<string, string> = {}) =>
    fetch(`${nasa.url}/api/v1${path}?${new URLSearchParams({ api_key: nasa.apiKey, ...query })}`);
  const photosOf = async (response: Response, key = "photos") => ((await response.json()) as Record<string, PhotoJson[]>)[key] ?? [];

  beforeAll(async () => {
    nasa = await startFakeNasa();
  });
  afterAll(() => nasa.close());
  beforeEach(() => nasa.reset());

  describe("GET /api/v1/rovers/:rover/photos", () => {
    it("returns every photo of a sol in the API's photo shape", async () => {
      const response = await api("/rovers/curiosity/photos", { sol: "1002" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const photos = await photosOf(response);
      expect(photos).toHaveLength(7);
      const [first] = photos;
      expect(first).toEqual({
        id: expect.any(Number),
        sol: 1002,
        camera: { id: 24, name: "MAHLI", rover_id: 5, full_name: "Mars Hand Lens Imager" },
        img_src: `${nasa.url}/images/${first?.id}.png`,
        earth_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        rover: {
          id: 5,
          name: "Curiosity",
          landing_date: "2012-08-06",
          launch_date: "2011-11-26",
          status: "active",
          max_sol: 1009,
          max_date: expect.any(String),
          total_photos: nasa.photos("curiosity").length,
          cameras: expect.arrayContaining([{ name: "NAVCAM", full_name: "Navigation Camera" }]),
        },
      });
    });

    it("returns an empty list for a sol without photos", async () => {
      expect(await photosOf(await api("/rovers/curiosity/photos", { sol: "1001" }))).toEqual([]);
    });

    it("returns an empty list when neither sol nor earth_date is given", async () => {
      expect(await photosOf(await api("/rovers/curiosity/photos"))).toEqual([]);
    });

    it("finds the same photos by earth_date as by sol", async () => {
      const bySol = await photosOf(await api("/rovers/perseverance/photos", { sol: "103" }));
      const earthDate = bySol[0]?.earth_date ?? "";
      const byDate = await photosOf(await api("/rovers/perseverance/photos", { earth_date: earthDate }));
      expect(byDate.map((p) => p.id)).toEqual(bySol.map((p) => p.id));
      expect(bySol).toHaveLength(4);
    });

    it("filters by camera, ignoring case", async () => {
      const photos = await photosOf(await api("/rovers/curiosity/photos", { sol: "1000", camera: "fhaz" }));
      expect(photos.map((p) => p.camera.name)).toEqual(["FHAZ", "FHAZ"]);
      expect(await photosOf(await api("/rovers/curiosity/photos", { sol: "1000", camera: "PANCAM" }))).toEqual([]);
    });

    it("returns everything without page and 25 per page with it", async () => {
      const all = await photosOf(await api("/rovers/curiosity/photos", { sol: "1000" }));
      const page1 = await photosOf(await api("/rovers/curiosity/photos", { sol: "1000", page: "1" }));
      const page2 = await photosOf(await api("/rovers/curiosity/photos", { sol: "1000", page: "2" }));
      const page3 = await photosOf(await api("/rovers/curiosity/photos", { sol: "1000", page: "3" }));
      expect(all).toHaveLength(40);
      expect(page1).toHaveLength(25);
      expect(page2).toHaveLength(15);
      expect(page3).toEqual([]);
      expect([...page1, ...page2].map((p) => p.id)).toEqual(all.map((p) => p.id));
    });

    it("pages within one camera and honours per_page", async () => {
      const mast = await photosOf(await api("/rovers/curiosity/photos", { sol: "1003", camera: "MAST", page: "2" }));
      expect(mast).toHaveLength(5);
      const small = await photosOf(await api("/rovers/curiosity/photos", { sol: "1003", page: "1", per_page: "10" }));
      expect(small).toHaveLength(10);
    });

    it("answers 400 with the API's error body for an unknown rover", async () => {
      const response = await api("/rovers/sojourner/photos", { sol: "1" });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: "Invalid Rover Name" });
    });

    it("knows Spirit and Opportunity, whose images are gone, as rovers with no photos", async () => {
      const response = await api("/rovers/Spirit/photos", { sol: "1" });
      expect(response.status).toBe(200);
      expect(await photosOf(response)).toEqual([]);
    });
  });

  describe("other routes", () => {
    it("GET /latest_photos returns the photos of the rover's latest sol", async () => {
      const latest = await photosOf(await api("/rovers/curiosity/latest_photos"), "latest_photos");
      expect(latest).toHaveLength(4);
      expect(new Set(latest.map((p) => p.sol))).toEqual(new Set([1009]));
    });

    it("GET /manifests/:rover lists the sols that have photos", async () => {
      const body = (await (await api("/manifests/perseverance")).json()) as {
        photo_manifest: { name: string; max_sol: number; total_photos: number; photos: { sol: number; total_photos: number; cameras: string[] }[] };
      };
      const manifest = body.photo_manifest;
      expect(manifest).toMatchObject({ name: "Perseverance", status: "active", max_sol: 104, total_photos: 50 });
      expect(manifest.photos.map((day) => day.sol)).toEqual([100, 102, 103, 104]);
      expect(manifest.photos[1]).toEqual({ sol: 102, earth_date: expect.any(String), total_photos: 28, cameras: ["MCZ_RIGHT", "MCZ_LEFT"] });
    });

    it("GET /rovers and /rovers/:rover describe the rovers", async () => {
      const { rovers } = (await (await api("/rovers")).json()) as { rovers: { name: string }[] };
      expect(rovers.map((r) => r.name)).toEqual(["Curiosity", "Opportunity", "Spirit", "Perseverance"]);
      const { rover } = (await (await api("/rovers/opportunity")).json()) as { rover: { status: string; total_photos: number } };
      expect(rover).toMatchObject({ status: "complete", total_photos: 0 });
    });

    it("GET /photos/:id fetches one photo, 404 for an unknown id", async () => {
      const id = nasa.photos("perseverance")[0]?.id ?? 0;
      const { photo } = (await (await api(`/photos/${id}`)).json()) as { photo: PhotoJson };
      expect(photo).toMatchObject({ id, sol: 100, rover: { name: "Perseverance" } });
      expect((await api("/photos/1")).status).toBe(404);
    });

    it("also serves the routes under the real /mars-photos prefix", async () => {
      const response = await fetch(`${nasa.url}/mars-photos/api/v1/rovers/curiosity/photos?sol=1006&api_key=DEMO_KEY`);
      expect((await photosOf(response)).map((p) => p.camera.name)).toEqual(["MARDI"]);
    });
  });

  describe("images", () => {
    it("serves every img_src as a valid PNG of the fixture's size", async () => {
      const photos = await photosOf(await api("/rovers/curiosity/photos", { sol: "1009" }));
      const sizes = new Set<string>();
      for (const photo of photos) {
        const response = await fetch(photo.img_src);
        expect(response.headers.get("content-type")).toBe("image/png");
        const size = readPngSize(new Uint8Array(await response.arrayBuffer()));
        const fixture = nasa.photos().find((p) => p.id === photo.id);
        expect(size).toEqual({ width: fixture?.width, height: fixture?.height });
        sizes.add(`${size.width}x${size.height}`);
      }
      expect(sizes.size).toBe(photos.length); // sizes vary from photo to photo
    });

    it("answers 404 for an unknown image", async () => {
      expect((await fetch(`${nasa.url}/images/7.png`)).status).toBe(404);
    });
  });

  describe("api_key and rate limits", () => {
    it("answers 403 API_KEY_MISSING without a key and API_KEY_INVALID with a wrong one", async () => {
      const missing = await fetch(`${nasa.url}/api/v1/rovers/curiosity/photos?sol=1000`);
      expect(missing.status).toBe(403);
      expect(await missing.json()).toEqual({ error: { code: "API_KEY_MISSING", message: expect.any(String) } });
      const wrong = await api("/rovers/curiosity/photos", { sol: "1000", api_key: "nope" });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toMatchObject({ error: { code: "API_KEY_INVALID" } });
    });

    it("counts requests down in X-RateLimit-Remaining", async () => {
      const first = await api("/rovers");
      const second = await api("/rovers");
      expect(first.headers.get("x-ratelimit-limit")).toBe("1000");
      expect(first.headers.get("x-ratelimit-remaining")).toBe("999");
      expect(second.headers.get("x-ratelimit-remaining")).toBe("998");
    });

    it("answers 429 OVER_RATE_LIMIT once a key has used its limit", async () => {
      const limited = await startFakeNasa({ apiKeys: ["k1"], rateLimit: 2 });
      try {
        const call = () => fetch(`${limited.url}/api/v1/rovers?api_key=k1`);
        expect((await call()).status).toBe(200);
        expect((await call()).status).toBe(200);
        const third = await call();
        expect(third.status).toBe(429);
        expect(third.headers.get("x-ratelimit-remaining")).toBe("0");
        expect(await third.json()).toMatchObject({ error: { code: "OVER_RATE_LIMIT" } });
        limited.reset();
        expect((await call()).status).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it("with rateLimitWindowMs, counts again from the first request after the window ends", async () => {
      const limited = await startFakeNasa({ apiKeys: ["k1"], rateLimit: 1, rateLimitWindowMs: 300 });
      try {
        const call = () => fetch(`${limited.url}/api/v1/rovers?api_key=k1`);
        expect((await call()).status).toBe(200);
        const refused = await call();
        expect(refused.status).toBe(429);
        expect(refused.headers.get("retry-after")).toBe("1"); // what is left of the window, rounded up to a second
        await new Promise((resolve) => setTimeout(resolve, 350));
        const again = await call();
        expect([again.status, again.headers.get("x-ratelimit-remaining")]).toEqual([200, "0"]);
      } finally {
        await limited.close();
      }
    });
  });

  describe("knobs", () => {
    it("failNext answers the next requests with 500, then recovers", async () => {
      nasa.failNext(2);
      expect((await api("/rovers")).status).toBe(500);
      expect((await api("/rovers")).status).toBe(500);
      expect((await api("/rovers")).status).toBe(200);
    });

    it("failNext(n, 429) answers like the gateway's rate limit, with its headers", async () => {
      nasa.failNext(1, 429);
      const response = await api("/rovers/curiosity/photos", { sol: "1000" });
      expect(response.status).toBe(429);
      expect(response.headers.get("x-ratelimit-limit")).toBe("1000");
      expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(await response.json()).toMatchObject({ error: { code: "OVER_RATE_LIMIT" } });
    });

    it("latencyMs delays every response", async () => {
      nasa.setLatency(120);
      const started = performance.now();
      await api("/rovers");
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    });

    it("logs each request with its path, query and status", async () => {
      await api("/rovers/curiosity/photos", { sol: "1004" });
      expect(nasa.requests()).toEqual([
        expect.objectContaining({
          method: "GET",
          path: "/api/v1/rovers/curiosity/photos",
          query: { api_key: "DEMO_KEY", sol: "1004" },
          userAgent: expect.any(String),
          status: 200,
        }),
      ]);
    });
  });
});
