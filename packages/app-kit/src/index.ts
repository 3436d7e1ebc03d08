// proxy.ts and route handlers should import the subpaths (`@rqts/app-kit/request-guard`,
// `@rqts/app-kit/event-stream`): this entry point also loads ioredis.
export { eventStream, formatEvent } from "./event-stream.js";
export type { Send } from "./event-stream.js";
export { connectRedis, printableUrl, sharedRedis } from "./redis.js";
export type { RedisOptions } from "./redis.js";
export { authenticationRequired, crossSiteRefusal, hasBasicCredentials, STATE_CHANGING_METHODS } from "./request-guard.js";
export type { RefusalWording } from "./request-guard.js";
