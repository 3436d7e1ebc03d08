/**
 * A sign-up, as the web request does it: check the address, add the user, enqueue
 * `sendConfirmation(userId)` and return at once — the person never waits on the mail provider.
 */
import type { Job, Queue } from "@rqts/queue";
import { normalizeEmail } from "./email-address";
import { sendRetryOptions } from "./send-policy";
import { RECORD_SEND_FAILURE_TASK, SEND_CONFIRMATION_TASK } from "./task-names";
import type { User, UserStore } from "./users";

/** What a sign-up needs. */
export interface SignUpDeps {
  users: UserStore;
  queue: Queue;
  /** The first backoff wait between send attempts, in whole seconds. */
  retryDelaySeconds: number;
}

/**
 * Registers `rawEmail` and enqueues its confirmation mail. Throws `InvalidEmailError` or
 * `DuplicateEmailError` (nothing stored, nothing enqueued), or the queue's error — in which case the
 * user is taken back out, so the person can simply try again.
 */
export async function signUp(deps: SignUpDeps, rawEmail: unknown): Promise<{ user: User; job: Job }> {
  const user = deps.users.register(normalizeEmail(rawEmail));
  try {
    const job = await deps.queue.enqueue(SEND_CONFIRMATION_TASK, [user.id], {
      ...sendRetryOptions(deps.retryDelaySeconds),
      onFailure: RECORD_SEND_FAILURE_TASK,
      description: `confirmation mail for user ${user.id}`,
    });
    return { user, job };
  } catch (error) {
    deps.users.remove(user.id);
    throw error;
  }
}
