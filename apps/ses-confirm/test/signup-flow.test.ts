/**
 * The whole flow through the app's own route handlers (the code `next start` runs), a real Redis, the
 * local SES and the worker's tasks: sign-up → mail in the emulator → follow the link → confirmed, plus
 * what happens on throttling, refusal, duplicates, bad input and bad tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Job, Queue } from "@rqts/queue";
import { eventually, uniqueQueue } from "@rqts/testing";
import { confirmationLinkIn } from "../lib/local-ses";
import { signToken } from "../lib/token";
import { UserStore } from "../lib/users";
import { appEnv, mailsTo, startTestWorker, useKit } from "./helpers";

const kit = useKit();
const queueName = uniqueQueue("ses-confirm-test");
let users: UserStore;
let worker: { stop: () => Promise<void> };
let routes: { signUp: (request: Request) => Promise<Response>; confirm: (token: string) => Promise<Response> };

beforeAll(async () => {
  Object.assign(process.env, appEnv(kit, queueName)); // what the web process reads at its first request
  const usersRoute = await import("../app/users/route");
  const confirmRoute = await import("../app/confirm/[token]/route");
  routes = {
    signUp: (request) => usersRoute.POST(request),
    confirm: (token) => confirmRoute.GET(new Request(`${kit.publicUrl}/confirm/${token}`), { params: Promise.resolve({ token }) }),
  };
  users = new UserStore(kit.databasePath);
  worker = startTestWorker(kit, queueName);
});

afterAll(async () => {
  await worker?.stop();
  users?.close();
});

function signUpJson(email: unknown): Promise<Response> {
  return routes.signUp(new Request(`${kit.publicUrl}/users`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) }));
}

const noticeOf = (response: Response) => new URL(response.headers.get("location")!, kit.publicUrl).searchParams.get("notice");

describe("signing up", () => {
  it("answers at once, then the worker mails a link that confirms the account", async () => {
    const response = await signUpJson("ada@example.com");
    expect(response.status).toBe(202);
    const { user, jobId } = await response.json();
    expect(user).toMatchObject({ email: "ada@example.com", emailSent: false, confirmed: false });

    const [mail] = await eventually(() => mailsTo(kit.ses, "ada@example.com"), (mails) => mails.length === 1, 15_000);
    expect(mail!.subject).toBe("Confirm Your Account");
    expect(mail!.from).toBe("no-reply@ses-confirm.test");
    await eventually(() => users.get(user.id), (row) => row?.emailSent === true, 15_000);
    expect(users.get(user.id)?.messageId).toBe(mail!.messageId);
    expect(await (await Job.fetch(kit.redis, jobId)).returnValue()).toEqual({ sent: true, messageId: mail!.messageId });

    const link = confirmationLinkIn(mail!)!;
    expect(link.startsWith(`${kit.publicUrl}/confirm/`)).toBe(true);
    expect(mail!.body.html).toContain(`href="${link}"`);
    const token = link.split("/confirm/")[1]!;
    const first = await routes.confirm(token);
    expect([first.status, noticeOf(first)]).toEqual([303, "confirmed"]);
    expect(users.get(user.id)?.confirmed).toBe(true);
    expect(noticeOf(await routes.confirm(token))).toBe("already-confirmed");
  });

  it("from the form redirects home with the thank-you notice", async () => {
    const form = new URLSearchParams({ email: "grace@example.com" });
    const response = await routes.signUp(new Request(`${kit.publicUrl}/users`, { method: "POST", body: form }));
    expect([response.status, noticeOf(response)]).toEqual([303, "registered"]);
    await eventually(() => mailsTo(kit.ses, "grace@example.com"), (mails) => mails.length === 1, 15_000);
  });

  it("refuses a registered address cleanly: 409, still one user, no second job or mail", async () => {
    const queue = new Queue(queueName, { connection: kit.redis });
    await signUpJson("linus@example.com");
    await eventually(() => mailsTo(kit.ses, "linus@example.com"), (mails) => mails.length === 1, 15_000);

    const again = await signUpJson("LINUS@example.com");
    expect(again.status).toBe(409);
    expect((await again.json()).message).toBe("LINUS@example.com is already registered");
    const form = await routes.signUp(new Request(`${kit.publicUrl}/users`, { method: "POST", body: new URLSearchParams({ email: "linus@example.com" }) }));
    expect(noticeOf(form)).toBe("duplicate");
    const linus = users.list().filter((user) => user.email.toLowerCase() === "linus@example.com");
    expect(linus).toHaveLength(1);
    // Other tests share the queue: count only the jobs for this user, wherever they are now.
    const ids = [...(await queue.jobIds()), ...(await queue.finished.jobIds()), ...(await queue.failed.jobIds()), ...(await queue.scheduled.jobIds())];
    const jobs = await Promise.all(ids.map((id) => Job.fetch(kit.redis, id)));
    expect(jobs.filter((job) => job.args[0] === linus[0]!.id)).toHaveLength(1);
    expect(await mailsTo(kit.ses, "linus@example.com")).toHaveLength(1);
  });

  it("refuses an invalid address with 400 and stores nothing", async () => {
    const before = users.list().length;
    for (const email of ["not-an-address", "", 12, "x@localhost"]) {
      const response = await signUpJson(email);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe("invalid-email");
    }
    const form = await routes.signUp(new Request(`${kit.publicUrl}/users`, { method: "POST", body: new URLSearchParams({ email: "nope" }) }));
    expect(noticeOf(form)).toBe("invalid-email");
    expect(users.list()).toHaveLength(before);
  });
});

describe("sending through SES", () => {
  it("retries a throttled send with backoff until SES takes it", async () => {
    kit.ses.throttleNext(2);
    const faultsBefore = kit.ses.faultsServed();
    const { user, jobId } = await (await signUpJson("throttled@example.com")).json();
    await eventually(() => users.get(user.id), (row) => row?.sendStatus === "retrying", 15_000);
    expect(users.get(user.id)?.sendError).toBe("Throttling: Maximum sending rate exceeded.");

    await eventually(() => users.get(user.id), (row) => row?.emailSent === true, 20_000);
    expect(users.get(user.id)).toMatchObject({ sendStatus: "sent", sendError: null });
    expect(kit.ses.faultsServed() - faultsBefore).toBe(2);
    expect(await mailsTo(kit.ses, "throttled@example.com")).toHaveLength(1);
    expect((await Job.fetch(kit.redis, jobId)).attempts).toBe(3);
  });

  it("fails a refused address at once, without retries, and records SES's reason", async () => {
    const { user, jobId } = await (await signUpJson("nobody@rejected.test")).json();
    const row = await eventually(() => users.get(user.id), (current) => current?.sendStatus === "failed", 15_000);
    expect(row?.sendError).toMatch(/^SES refused the mail: MessageRejected: Email address is not verified\./);
    expect(row?.emailSent).toBe(false);
    const job = await Job.fetch(kit.redis, jobId);
    expect([job.status, job.attempts, job.retriesLeft]).toEqual(["failed", 1, 5]);
    expect(await mailsTo(kit.ses, "nobody@rejected.test")).toHaveLength(0);
  });
});

describe("the confirm link", () => {
  it("refuses a tampered token and changes nothing", async () => {
    const { user } = await (await signUpJson("mallory@example.com")).json();
    const forged = signToken({ userId: user.id, email: "mallory@example.com" }, "not-the-secret-but-long-enough-to-look-real");
    expect(noticeOf(await routes.confirm(forged))).toBe("invalid-link");
    expect(noticeOf(await routes.confirm("garbage"))).toBe("invalid-link");
    expect(users.get(user.id)?.confirmed).toBe(false);
  });

  it("refuses a token older than one hour and changes nothing", async () => {
    const { user } = await (await signUpJson("late@example.com")).json();
    const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
    const expired = signToken({ userId: user.id, email: "late@example.com" }, kit.secret, twoHoursAgo);
    expect(noticeOf(await routes.confirm(expired))).toBe("expired");
    expect(users.get(user.id)?.confirmed).toBe(false);
  });
});
