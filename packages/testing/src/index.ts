export { startRedis, freePort, redisServerBinary } from "./redis-server.js";
export type { RedisServer, StartRedisOptions } from "./redis-server.js";
