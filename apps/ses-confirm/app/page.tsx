/**
 * The home page: the sign-up form, the notice of the last action, and the users table with both flags
 * (it refreshes itself while the worker sends and people confirm).
 */
import { appContext } from "../lib/app-context";
import { MAX_EMAIL_LENGTH, MIN_EMAIL_LENGTH } from "../lib/email-address";
import { noticeFor } from "../lib/notices";
import { toUserView } from "../lib/user-view";
import { UsersTable } from "./users-table";

export const dynamic = "force-dynamic";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const notice = noticeFor((await searchParams).notice);
  const users = appContext().users.list().map(toUserView);
  return (
    <main>
      <h1>Sign up</h1>
      <p className="lead">The page answers at once; a worker sends the confirmation mail through Amazon SES and records it.</p>
      {notice && (
        <p className={`notice ${notice.kind}`} role="status">
          {notice.text}
        </p>
      )}
      <form method="post" action="/users" className="signup">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" required minLength={MIN_EMAIL_LENGTH} maxLength={MAX_EMAIL_LENGTH} autoComplete="email" />
        <button type="submit">Register</button>
      </form>
      <h2>Users</h2>
      <UsersTable initial={users} />
    </main>
  );
}
