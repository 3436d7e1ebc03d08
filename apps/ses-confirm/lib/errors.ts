/**
 * The app's typed errors. Each message says what was wrong and what to do about it; routes turn them
 * into 4xx answers or notices, the worker prints them.
 */

/** A setting in the environment is missing or unusable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

/** An address the sign-up form refuses (the message is shown to the person). */
export class InvalidEmailError extends Error {
  override readonly name = "InvalidEmailError";
}

/** The address is already registered: nothing was added and no mail is sent. */
export class DuplicateEmailError extends Error {
  override readonly name = "DuplicateEmailError";
  constructor(readonly email: string) {
    super(`${email} is already registered`);
  }
}

/** The app's errors by name. */
interface AppErrors {
  ConfigError: ConfigError;
  InvalidEmailError: InvalidEmailError;
  DuplicateEmailError: DuplicateEmailError;
}

/**
 * Whether `error` is the app's error named `name`. Checked by its literal name, not `instanceof`:
 * Next.js may bundle this module into more than one server chunk (each copy with its own classes),
 * and its minifier renames classes, so `SomeError.name` is no help either.
 */
export function isAppError<N extends keyof AppErrors>(error: unknown, name: N): error is AppErrors[N] {
  return error instanceof Error && error.name === name;
}
