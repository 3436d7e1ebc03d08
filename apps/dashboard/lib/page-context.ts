/**
 * What every dashboard page starts from: the settings, the Redis instance its URL names (an unknown
 * one is a 404), that instance's inspector, and — unless the dashboard is read-only — what action
 * forms need: the endpoint and this browser's CSRF token.
 */
import type { Redis } from "ioredis";
import type { Inspector } from "@rqts/queue";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { withBasePath } from "./base-path";
import { SESSION_COOKIE, csrfToken, isSessionId, signingSecret } from "./csrf";
import { InvalidInputError } from "./errors";
import { parseInstance } from "./params";
import { connectionFor, inspectorFor } from "./redis-connections";
import { readSettings, type DashboardSettings, type RedisInstance } from "./settings";

/** What an action form posts with. */
export interface ActionContext {
  /** The action route, base path included. */
  endpoint: string;
  csrfToken: string;
}

export interface PageContext {
  settings: DashboardSettings;
  instance: RedisInstance;
  connection: Redis;
  inspector: Inspector;
  /** `undefined` in read-only mode: pages then show no action at all. */
  actions: ActionContext | undefined;
}

/** The context of a page under `/[instance]/…`. */
export async function pageContext(instanceParam: string): Promise<PageContext> {
  const settings = readSettings();
  let instance: RedisInstance;
  try {
    instance = parseInstance(instanceParam, settings);
  } catch (error) {
    if (error instanceof InvalidInputError) notFound();
    throw error;
  }
  let actions: ActionContext | undefined;
  if (!settings.readOnly) {
    const session = (await cookies()).get(SESSION_COOKIE)?.value;
    // The proxy issues the session before any page renders; without one no form could be signed.
    if (isSessionId(session)) {
      actions = { endpoint: withBasePath(`/${instance.index}/actions`), csrfToken: csrfToken(session, signingSecret(settings.secret)) };
    }
  }
  return { settings, instance, connection: connectionFor(instance), inspector: inspectorFor(instance), actions };
}
