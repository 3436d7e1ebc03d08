/** A user as the page and `GET /users` show it: no message id, nothing but what the table needs. */
import type { User } from "./users";

/** One row of the users table on the page. */
export interface UserView {
  id: number;
  email: string;
  emailSent: boolean;
  confirmed: boolean;
  sendStatus: User["sendStatus"];
  sendError: string | null;
}

/** The view of `user`. */
export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, emailSent: user.emailSent, confirmed: user.confirmed, sendStatus: user.sendStatus, sendError: user.sendError };
}
