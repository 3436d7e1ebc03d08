"use client";
/**
 * Where action outcomes are shown: one live region under the header that outlives the button that
 * was clicked (requeueing a failed job removes its row, and the row's button with it).
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

/** What the server said about an action. */
export interface ActionAnswer {
  ok: boolean;
  message: string;
}

const FeedbackContext = createContext<(answer: ActionAnswer) => void>(() => undefined);

/** Shows an action's outcome in the page's feedback region. */
export function useActionFeedback(): (answer: ActionAnswer) => void {
  return useContext(FeedbackContext);
}

export function ActionFeedbackProvider({ children }: { children: ReactNode }) {
  const [answer, setAnswer] = useState<ActionAnswer | undefined>();
  const show = useCallback((next: ActionAnswer) => setAnswer(next), []);
  return (
    <FeedbackContext.Provider value={show}>
      <div className="feedback" role="status" aria-live="polite">
        {answer && (
          <p className={answer.ok ? "outcome ok" : "outcome error"}>
            {answer.message}{" "}
            <button type="button" className="dismiss" onClick={() => setAnswer(undefined)} aria-label="Dismiss">
              ×
            </button>
          </p>
        )}
      </div>
      {children}
    </FeedbackContext.Provider>
  );
}
