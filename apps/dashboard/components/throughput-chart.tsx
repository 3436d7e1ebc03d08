/**
 * Jobs finished and failed per minute over the last hour, as an SVG bar chart drawn on the server
 * (no chart library, no script): one column per minute, finished stacked under failed. Each column
 * has a <title>, so hovering a minute shows its numbers.
 */
import type { ThroughputPoint } from "@rqts/queue";
import { formatCount } from "../lib/format";

const WIDTH = 720;
const HEIGHT = 160;
const AXIS = 18;

export function ThroughputChart({ points }: { points: readonly ThroughputPoint[] }) {
  const peak = Math.max(1, ...points.map((point) => point.finished + point.failed));
  const column = WIDTH / Math.max(points.length, 1);
  const scale = (count: number) => (count / peak) * (HEIGHT - AXIS - 4);
  const finished = points.reduce((sum, point) => sum + point.finished, 0);
  const failed = points.reduce((sum, point) => sum + point.failed, 0);
  const label = `Jobs per minute over the last ${points.length} minutes: ${formatCount(finished)} finished, ${formatCount(failed)} failed`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
        <line x1={0} y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} className="axis" />
        {points.map((point, index) => {
          const x = index * column + 1;
          const finishedHeight = scale(point.finished);
          const failedHeight = scale(point.failed);
          const time = point.minute.toISOString().slice(11, 16);
          return (
            <g key={point.minute.getTime()}>
              <title>{`${time} UTC: ${point.finished} finished, ${point.failed} failed`}</title>
              <rect x={x} width={column - 2} y={HEIGHT - AXIS - finishedHeight} height={finishedHeight} className="finished" />
              <rect x={x} width={column - 2} y={HEIGHT - AXIS - finishedHeight - failedHeight} height={failedHeight} className="failed" />
              {index % 10 === 0 && (
                <text x={x} y={HEIGHT - 4} className="tick">
                  {time}
                </text>
              )}
            </g>
          );
        })}
        <text x={2} y={12} className="tick">
          {`peak ${formatCount(peak)}/min`}
        </text>
      </svg>
      <figcaption>
        <span className="key finished">finished {formatCount(finished)}</span> <span className="key failed">failed {formatCount(failed)}</span>{" "}
        <span className="muted">per minute, last {points.length} minutes (UTC)</span>
      </figcaption>
    </figure>
  );
}
