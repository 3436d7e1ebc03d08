import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { normalizeEmail } from "../lib/email-address";
import { DuplicateEmailError, InvalidEmailError } from "../lib/errors";
import { renderConfirmationEmail } from "../lib/confirmation-email";
import { classifySendFailure } from "../lib/ses-errors";
import { UserStore } from "../lib/users";

describe("the users table", () => {
  let users: UserStore;
  beforeEach(() => (users = new UserStore(":memory:")));
  afterEach(() => users.close());

  it("registers a user with both flags false and the mail queued", () => {
    const user = users.register("ada@example.com");
    expect(user).toMatchObject({ email: "ada@example.com", confirmed: false, emailSent: false, sendStatus: "queued", sendError: null });
    expect(users.list().map((u) => u.id)).toEqual([user.id]);
  });

  it("refuses an address already registered, in any letter case, and keeps one row", () => {
    users.register("ada@example.com");
    expect(() => users.register("ADA@example.com")).toThrow(DuplicateEmailError);
    expect(users.list()).toHaveLength(1);
  });

  it("records the worker's outcome: sent clears an earlier retry's error", () => {
    const { id } = users.register("ada@example.com");
    users.markRetrying(id, "Throttling: Maximum sending rate exceeded.");
    expect(users.get(id)).toMatchObject({ sendStatus: "retrying", sendError: "Throttling: Maximum sending rate exceeded." });
    users.markEmailSent(id, "msg-1");
    expect(users.get(id)).toMatchObject({ emailSent: true, sendStatus: "sent", sendError: null, messageId: "msg-1" });
    users.markSendFailed(id, "too late"); // a late failure never overwrites a sent mail
    expect(users.get(id)?.sendStatus).toBe("sent");
  });

  it("confirms once, then says already confirmed; a token for another address confirms nothing", () => {
    const { id } = users.register("ada@example.com");
    expect(users.confirm(id, "grace@example.com")).toBe("no-such-user");
    expect(users.confirm(id, "ada@example.com")).toBe("confirmed");
    expect(users.confirm(id, "ada@example.com")).toBe("already-confirmed");
    expect(users.confirm(id + 1, "ada@example.com")).toBe("no-such-user");
  });
});

describe("email addresses", () => {
  it("are trimmed and their domain lower-cased", () => {
    expect(normalizeEmail("  Ada.L@Example.COM ")).toBe("Ada.L@example.com");
  });

  it.each([undefined, 42, "", "   ", "a@b.c", "ada", "ada@localhost", "ada@@example.com", "ada example@example.com", `${"a".repeat(250)}@example.com`, "<script>@x.com"])(
    "refuse %j with a typed error",
    (input) => {
      expect(() => normalizeEmail(input)).toThrow(InvalidEmailError);
    },
  );
});

describe("the confirmation mail", () => {
  it("carries the link in its text and escapes the address in its HTML", () => {
    const mail = renderConfirmationEmail(`"<b>"@example.com`, "http://127.0.0.1:3000/confirm/abc.def");
    expect(mail.subject).toBe("Confirm Your Account");
    expect(mail.text).toContain("http://127.0.0.1:3000/confirm/abc.def");
    expect(mail.html).toContain("&quot;&lt;b&gt;&quot;@example.com");
    expect(mail.html).not.toContain("<b>");
  });
});

describe("SES failures", () => {
  const sesError = (name: string, httpStatusCode?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

  it("retry on throttling, SES's 5xx and network trouble", () => {
    expect(classifySendFailure(sesError("Throttling", 400))).toBe("retry");
    expect(classifySendFailure(sesError("ServiceUnavailable", 503))).toBe("retry");
    expect(classifySendFailure(sesError("SomethingNew", 500))).toBe("retry");
    expect(classifySendFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe("retry");
  });

  it("are permanent when SES refuses the message itself", () => {
    expect(classifySendFailure(sesError("MessageRejected", 400))).toBe("permanent");
    expect(classifySendFailure(sesError("MailFromDomainNotVerifiedException", 400))).toBe("permanent");
    expect(classifySendFailure(sesError("InvalidParameterValue", 400))).toBe("permanent");
  });
});
