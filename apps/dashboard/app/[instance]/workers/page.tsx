/** Workers of one Redis, with suspension and its action. */
import { RedisProblem } from "../../../components/redis-problem";
import { SuspensionControls } from "../../../components/suspension-controls";
import { WorkersTable } from "../../../components/workers-table";
import { formatCount } from "../../../lib/format";
import { pageContext } from "../../../lib/page-context";
import { tryRead } from "../../../lib/redis-connections";

export default async function WorkersPage({ params }: { params: Promise<{ instance: string }> }) {
  const { instance, inspector, actions } = await pageContext((await params).instance);
  const read = await tryRead(instance, () => Promise.all([inspector.workers(), inspector.isSuspended()]));
  if (!read.ok) return <RedisProblem problem={read.problem} />;
  const [{ workers, stale }, suspended] = read.value;
  return (
    <main>
      <h1>Workers ({formatCount(workers.length)})</h1>
      <SuspensionControls suspended={suspended} actions={actions} />
      <WorkersTable instance={instance.index} workers={workers} />
      {stale > 0 && (
        <p className="muted">
          {formatCount(stale)} registered worker{stale === 1 ? "" : "s"} left no trace (died without deregistering); maintenance removes them.
        </p>
      )}
    </main>
  );
}
