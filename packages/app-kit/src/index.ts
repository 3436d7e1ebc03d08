export { connectRedis, printableUrl, sharedRedis } from "./redis.js";
export type { RedisOptions } from "./redis.js";
