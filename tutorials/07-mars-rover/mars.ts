// tutorials/07-mars-rover/mars.ts — the original lesson's plain function: a random photo of one sol, printed.
// NASA_API_URL: the API's base (NASA archived the real one in 2025; the tutorial runs a fake of it).
const NASA_API_URL = process.env.NASA_API_URL ?? "https://api.nasa.gov/mars-photos";

export async function getMarsPhoto(sol: number): Promise<void> {
  const response = await fetch(`${NASA_API_URL}/api/v1/rovers/curiosity/photos?sol=${sol}&api_key=DEMO_KEY`);
  if (!response.ok) throw new Error(`NASA answered HTTP ${response.status} for sol ${sol}`);
  const { photos } = (await response.json()) as { photos: Array<{ img_src: string }> };
  const photo = photos[Math.floor(Math.random() * photos.length)];
  console.log(`sol ${sol}: ${photo ? photo.img_src : "no photos that sol"}`);
}
