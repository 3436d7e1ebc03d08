/**
 * The page's requests: POST a JSON object to one of the app's routes and return the answer's `data`, or
 * throw an Error carrying the server's message (which names the field at fault).
 */

interface Answer<T> {
  status: "success" | "error";
  data?: T;
  message?: string;
}

export async function postJson<T>(path: string, body: Record<string, string | null>): Promise<T> {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({ status: "error", message: `HTTP ${response.status}` }))) as Answer<T>;
  if (!response.ok || answer.status !== "success" || answer.data === undefined) throw new Error(answer.message ?? `HTTP ${response.status}`);
  return answer.data;
}

/** An address the page may show as an image or link: http(s) only, whatever a job's data says. */
export function safeHttpUrl(text: string | null | undefined): string | null {
  if (!text || !URL.canParse(text)) return null;
  const url = new URL(text);
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}
