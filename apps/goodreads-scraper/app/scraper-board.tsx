"use client";
/**
 * The interactive part of the page: the form that POSTs the URL list to /api/batches, what the server
 * answered (or refused, URL by URL), and the followed batch's progress, export links and results.
 */
import { useState, type FormEvent } from "react";
import type { UrlProblem } from "../lib/errors";
import { BatchTable } from "./batch-table";
import { useBatch } from "./use-batch";

interface SubmitAnswer {
  status: "success" | "error";
  data?: { batch_id: string; message: string };
  message?: string;
  problems?: UrlProblem[];
}

interface Refusal {
  message: string;
  problems: UrlProblem[];
}

export function ScraperBoard({ samples, initialBatchId }: { samples: readonly string[]; initialBatchId: string | null }) {
  const [text, setText] = useState("");
  const [batchId, setBatchId] = useState<string | null>(initialBatchId);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [sending, setSending] = useState(false);
  const { batch, problem } = useBatch(batchId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRefusal(null);
    setSending(true);
    try {
      const urls = text.split("\n").map((line) => line.trim()).filter(Boolean);
      const response = await fetch("/api/batches", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ urls }) });
      const answer = (await response.json().catch(() => ({ status: "error", message: `HTTP ${response.status}` }))) as SubmitAnswer;
      if (response.status !== 202 || !answer.data) {
        setRefusal({ message: answer.message ?? `HTTP ${response.status}`, problems: answer.problems ?? [] });
        return;
      }
      setReceipt(answer.data.message);
      setBatchId(answer.data.batch_id);
      // The address now names the batch: a reload (or a shared link) shows it again.
      window.history.replaceState(null, "", `?batch=${answer.data.batch_id}`);
    } catch (error) {
      setRefusal({ message: `Cannot reach the server (${(error as Error).message})`, problems: [] });
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <section aria-labelledby="submit-heading">
        <h2 id="submit-heading">Submit book pages</h2>
        <form onSubmit={(event) => void submit(event)}>
          <label htmlFor="urls">Book URLs, one per line</label>
          <textarea id="urls" name="urls" value={text} onChange={(event) => setText(event.target.value)} placeholder="https://…/book/show/1101-the-cartographer-of-low-tide" spellCheck={false} />
          <div className="actions">
            <button type="submit" disabled={sending}>
              Scrape
            </button>
            {samples.length > 0 && (
              <button type="button" onClick={() => setText(samples.join("\n"))}>
                Fill in sample URLs
              </button>
            )}
            <span className="muted">At most 100 URLs; only book pages (/book/show/…) of the allowed sites.</span>
          </div>
        </form>
        {refusal && (
          <div role="alert" className="problem">
            <p>{refusal.message}</p>
            {refusal.problems.length > 1 && (
              <ul>
                {refusal.problems.map((item) => (
                  <li key={item.index}>
                    line {item.index + 1}: {item.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      {batchId && (
        <section aria-labelledby="batch-heading">
          <h2 id="batch-heading">
            Batch <code title={batchId}>{batchId.slice(0, 8)}</code>
          </h2>
          {receipt && <p className="receipt">{receipt}</p>}
          {problem && (
            <p role="alert" className="problem">
              {problem}
            </p>
          )}
          {batch && <BatchTable batch={batch} />}
        </section>
      )}
    </>
  );
}
