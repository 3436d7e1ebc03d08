"use client";
/**
 * The subscription form: a phone number and a location, typed or taken from the browser's geolocation
 * (as the original filled hidden fields with `navigator.geolocation.getCurrentPosition`). It POSTs JSON
 * to /subscribe and shows the server's answer; the server validates everything again.
 */
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type Outcome = { kind: "ok" | "problem"; text: string } | undefined;

export function SubscribeForm() {
  const router = useRouter();
  const [latitude, setLatitude] = useState("");
  const [longitude, setLongitude] = useState("");
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);

  function locate() {
    if (!navigator.geolocation) return setOutcome({ kind: "problem", text: "This browser cannot tell its location: type it in" });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLatitude(position.coords.latitude.toFixed(4));
        setLongitude(position.coords.longitude.toFixed(4));
        setOutcome(undefined);
      },
      (error) => setOutcome({ kind: "problem", text: `No location from the browser (${error.message}): type it in` }),
      { timeout: 10_000 },
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const phone = String(new FormData(event.currentTarget).get("phone") ?? "");
    setBusy(true);
    try {
      const response = await fetch("/subscribe", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ phone, latitude, longitude }),
      });
      const body = (await response.json()) as { message?: string; phone?: string; nextPass?: { rise: string } };
      if (!response.ok) return setOutcome({ kind: "problem", text: body.message ?? `The server answered ${response.status}` });
      const rise = body.nextPass ? new Date(body.nextPass.rise).toUTCString() : "unknown";
      setOutcome({ kind: "ok", text: `Subscribed ${body.phone}: a welcome SMS is on its way; the next pass rises ${rise}.` });
      router.refresh();
    } catch (error) {
      setOutcome({ kind: "problem", text: `Could not reach the server: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="subscribe" onSubmit={submit}>
      <label htmlFor="phone">Phone number</label>
      <input id="phone" name="phone" type="tel" placeholder="+14155550123" autoComplete="tel" required />
      <label htmlFor="latitude">Latitude</label>
      <input id="latitude" value={latitude} onChange={(event) => setLatitude(event.target.value)} inputMode="decimal" placeholder="51.5074" required />
      <label htmlFor="longitude">Longitude</label>
      <input id="longitude" value={longitude} onChange={(event) => setLongitude(event.target.value)} inputMode="decimal" placeholder="-0.1278" required />
      <div className="actions">
        <button type="button" onClick={locate}>Use my location</button>
        <button type="submit" disabled={busy}>Subscribe</button>
      </div>
      {outcome && <p role="status" className={outcome.kind === "ok" ? "notice" : "problem"}>{outcome.text}</p>}
    </form>
  );
}
