"use client";
/**
 * The form that fetches photos: a rover, a camera (or all), sols (`1000`, `1000..1009`, `1000,1003`),
 * and when — now, after a delay, or at a time. A time typed in the browser's zone is sent as UTC.
 */
import { useState, type FormEvent } from "react";
import type { RoverInfo } from "../lib/rovers";
import type { SolRun } from "../lib/sol-runs";
import { postJson } from "./post-json";

type When = "now" | "in" | "at";

export function FetchForm({ rovers, onRuns }: { rovers: readonly RoverInfo[]; onRuns: (runs: SolRun[]) => void }) {
  const [roverName, setRoverName] = useState(rovers[0]?.name ?? "curiosity");
  const [camera, setCamera] = useState("");
  const [sols, setSols] = useState("1000..1002");
  const [when, setWhen] = useState<When>("now");
  const [delay, setDelay] = useState("30s");
  const [at, setAt] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rover = rovers.find((candidate) => candidate.name === roverName) ?? rovers[0];

  function chooseRover(name: RoverInfo["name"]) {
    setRoverName(name);
    setCamera(""); // each rover has cameras of its own
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setNotice(null);
    // An empty delay or time would mean "now" to the server: say what is missing instead.
    if ((when === "in" && !delay.trim()) || (when === "at" && !at)) {
      setProblem(when === "in" ? "Give a delay, such as 30s or 10m" : "Choose a time (in your browser's time zone; it is sent as UTC)");
      return;
    }
    try {
      const body: Record<string, string | null> = { rover: roverName, camera: camera || null, sols };
      if (when === "in") body.in = delay;
      if (when === "at") body.at = new Date(at).toISOString();
      const { runs } = await postJson<{ runs: SolRun[] }>("/fetches", body);
      onRuns(runs);
      setNotice(`${runs.length} fetch job${runs.length === 1 ? "" : "s"} ${when === "now" ? "enqueued" : "scheduled"}`);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  return (
    <form className="panel" aria-labelledby="fetch-heading" onSubmit={(event) => void submit(event)}>
      <h2 id="fetch-heading">Fetch photos</h2>
      <label htmlFor="fetch-rover">Rover</label>
      <select id="fetch-rover" name="rover" value={roverName} onChange={(event) => chooseRover(event.target.value as RoverInfo["name"])}>
        {rovers.map((r) => (
          <option key={r.name} value={r.name}>
            {r.label}
          </option>
        ))}
      </select>
      <label htmlFor="fetch-camera">Camera</label>
      <select id="fetch-camera" name="camera" value={camera} onChange={(event) => setCamera(event.target.value)}>
        <option value="">All cameras</option>
        {rover?.cameras.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <label htmlFor="fetch-sols">Sols</label>
      <input id="fetch-sols" name="sols" required maxLength={200} value={sols} onChange={(event) => setSols(event.target.value)} placeholder="1000..1009" />
      <fieldset>
        <legend>When</legend>
        {(["now", "in", "at"] as const).map((option) => (
          <label key={option} className="inline">
            <input type="radio" name="when" value={option} checked={when === option} onChange={() => setWhen(option)} />
            {option === "now" ? "Now" : option === "in" ? "In" : "At"}
          </label>
        ))}
        {when === "in" && <input aria-label="Delay" name="in" value={delay} maxLength={20} onChange={(event) => setDelay(event.target.value)} />}
        {when === "at" && <input aria-label="Time" name="at" type="datetime-local" step={1} value={at} onChange={(event) => setAt(event.target.value)} />}
      </fieldset>
      <button type="submit">Fetch</button>
      {notice && <p className="muted">{notice}</p>}
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
    </form>
  );
}
