"use client";
/**
 * The users table (ID | Email | Confirm email sent? | Confirmed?), refreshed every second from
 * `GET /users`: it shows the worker's write-back (sent, retrying, failed with SES's reason) and
 * confirmations without a reload. Every value is rendered by React as text.
 */
import { useEffect, useState } from "react";
import type { UserView } from "../lib/user-view";

const REFRESH_MS = 1000;

export function UsersTable({ initial }: { initial: UserView[] }) {
  const [users, setUsers] = useState(initial);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    let active = true;
    const refresh = async () => {
      try {
        const response = await fetch("/users", { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { users: UserView[] };
        if (active) {
          setUsers(body.users);
          setStale(false);
        }
      } catch {
        if (active) setStale(true);
      }
    };
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, []);

  if (users.length === 0) return <p className="empty">Nobody has signed up yet.</p>;
  return (
    <>
      {stale && <p className="notice info">The table could not be refreshed; retrying…</p>}
      <table className="users">
        <thead>
          <tr>
            <th>ID</th>
            <th>Email</th>
            <th>Confirm email sent?</th>
            <th>Confirmed?</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-email={user.email} data-send-status={user.sendStatus} data-confirmed={String(user.confirmed)}>
              <td>{user.id}</td>
              <td>{user.email}</td>
              <td className="sent">
                {sendLabel(user)}
                {user.sendError && user.sendStatus !== "sent" && <div className="send-error">{user.sendError}</div>}
              </td>
              <td className="confirmed">{user.confirmed ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function sendLabel(user: UserView): string {
  switch (user.sendStatus) {
    case "sent":
      return "Yes";
    case "queued":
      return "No (queued)";
    case "retrying":
      return "No (retrying)";
    case "failed":
      return "No (failed)";
  }
}
