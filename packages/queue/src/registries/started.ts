/**
 * rq:wip:{q}: jobs being run. Members are `{id}:{execution}` (RQ 2.x; plain ids from RQ 1.x are read
 * too), scored with the time their heartbeat expires. An entry past its score belongs to a dead
 * worker; worker maintenance moves it to failed as abandoned.
 */
import { keys } from "../keys.js";
import { Registry } from "./registry.js";

export class StartedJobRegistry extends Registry {
  protected override memberToId(member: string): string {
    const colon = member.lastIndexOf(":");
    return colon === -1 ? member : member.slice(0, colon);
  }

  /** Whether any execution of the job (or a plain RQ 1.x id) is in the registry. */
  override async contains(jobId: string): Promise<boolean> {
    const executions = await this.connection.zrange(keys.executions(jobId), "0", "-1");
    const members = [jobId, ...executions.map((execution) => `${jobId}:${execution}`)];
    const scores = await this.connection.zmscore(this.key, ...members);
    return scores.some((score) => score !== null);
  }

  /** Members (`id:execution`) whose heartbeat expired before `now` (whole epoch seconds). */
  expiredMembers(now: number): Promise<string[]> {
    return this.connection.zrangebyscore(this.key, 0, `(${now}`);
  }
}
