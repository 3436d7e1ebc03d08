/**
 * Overview: every queue × list count, the workers at a glance, suspension, and the throughput chart
 * (rq-dashboard's queue page, plus the chart). Everything on it is O(1) per queue in Redis.
 */
import Link from "next/link";
import { ActionButton } from "../../components/action-button";
import { QueueTable } from "../../components/queue-table";
import { RedisProblem } from "../../components/redis-problem";
import { SuspensionControls } from "../../components/suspension-controls";
import { ThroughputChart } from "../../components/throughput-chart";
import { formatCount } from "../../lib/format";
import { loadOverview } from "../../lib/overview";
import { pageContext } from "../../lib/page-context";
import { tryRead } from "../../lib/redis-connections";

export default async function OverviewPage({ params }: { params: Promise<{ instance: string }> }) {
  const { instance, connection, inspector, actions } = await pageContext((await params).instance);
  const read = await tryRead(instance, () => loadOverview(connection, inspector));
  if (!read.ok) return <RedisProblem problem={read.problem} />;
  const { queues, totals, workers, suspended, throughput } = read.value;
  const states = Object.entries(workers.byState)
    .map(([state, count]) => `${count} ${state}`)
    .join(", ");
  return (
    <main>
      <h1>Overview</h1>
      <SuspensionControls suspended={suspended} actions={actions} />
      <div className="tiles">
        {[
          { name: "queues", value: queues.length, label: "queues" },
          { name: "queued", value: totals.queued, label: "queued" },
          { name: "started", value: totals.started, label: "running" },
          { name: "failed", value: totals.failed, label: "failed" },
        ].map((tile) => (
          <div key={tile.name} className="tile" data-tile={tile.name}>
            <div className="value">{formatCount(tile.value)}</div>
            <div className="label">{tile.label}</div>
          </div>
        ))}
        <Link href={`/${instance.index}/workers`} className="tile" data-tile="workers">
          <div className="value">{formatCount(workers.total)}</div>
          <div className="label">workers{states ? ` (${states})` : ""}</div>
        </Link>
      </div>
      <section className="panel" aria-labelledby="throughput-title">
        <h2 id="throughput-title">Throughput</h2>
        <ThroughputChart points={throughput} />
      </section>
      <section aria-labelledby="queues-title">
        <div className="toolbar">
          <h2 id="queues-title">Queues</h2>
          <span className="spacer" />
          {actions && totals.failed > 0 && <ActionButton context={actions} action="requeue-failed" label={`Requeue all ${formatCount(totals.failed)} failed jobs`} />}
        </div>
        <QueueTable instance={instance.index} queues={queues} totals={totals} />
      </section>
    </main>
  );
}
