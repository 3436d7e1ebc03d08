/**
 * The one page: the TLE in use (with its epoch), the subscription form, the subscribers with their next
 * pass, and the SMS the account sent (in demo mode, the fake Twilio's outbox). Everything shown is
 * rendered as text by React: nothing from Redis or Twilio is ever inserted as HTML.
 */
import { appContext } from "../lib/app-context";
import { utcTime } from "../lib/sms-text";
import { listSubscribers } from "../lib/subscribers";
import { currentTle } from "../lib/tle-store";
import { AutoRefresh } from "./auto-refresh";
import { SubscribeForm } from "./subscribe-form";
import { UnsubscribeButton } from "./unsubscribe-button";

export const dynamic = "force-dynamic";

const STALE_TLE_DAYS = 14;

export default async function Home() {
  let ctx;
  try {
    ctx = await appContext();
  } catch (error) {
    return (
      <main>
        <h1>ISS notifier</h1>
        <section className="warning"><p className="problem">The app is not configured: {(error as Error).message}</p></section>
      </main>
    );
  }
  const [tle, subscribers, messages] = await Promise.all([
    currentTle(ctx.redis),
    listSubscribers(ctx.redis),
    ctx.sms.recent(20).catch((error: Error) => error),
  ]);
  const tleAgeDays = (Date.now() - tle.epoch.getTime()) / 86_400_000;

  return (
    <main>
      <AutoRefresh intervalMs={3000} />
      <h1>ISS notifier</h1>
      <p className="muted">
        A text message when the International Space Station rises above 10° where you are. Passes are computed from a TLE with satellite.js;
        a job scheduled at each rise time sends the SMS and schedules the next one.
      </p>

      <section className={tleAgeDays > STALE_TLE_DAYS ? "warning" : undefined} aria-label="Orbit data">
        <strong>Orbit data:</strong> {tle.name}, TLE epoch <time dateTime={tle.epoch.toISOString()} data-testid="tle-epoch">{tle.epoch.toISOString()}</time>{" "}
        ({tle.source === "fetched" ? `fetched ${tle.fetchedAt?.toISOString() ?? ""}` : "bundled with the app"}, {tleAgeDays.toFixed(1)} days old).
        {tleAgeDays > STALE_TLE_DAYS && <span className="problem"> Predictions drift as a TLE ages: check ISS_TLE_URL and the daily refresh job.</span>}
      </section>

      <section aria-label="Subscribe">
        <h2>Subscribe</h2>
        <SubscribeForm />
      </section>

      <section aria-label="Subscribers">
        <h2>Subscribers</h2>
        {subscribers.length === 0 ? (
          <p className="muted">Nobody yet.</p>
        ) : (
          <table className="subscribers">
            <thead>
              <tr><th>Phone</th><th>Location</th><th>Next pass (UTC)</th><th>Duration</th><th>Max elevation</th><th></th></tr>
            </thead>
            <tbody>
              {subscribers.map((subscriber) => (
                <tr key={subscriber.phone} data-phone={subscriber.phone}>
                  <td>{subscriber.phone}</td>
                  <td>{subscriber.latitude.toFixed(4)}, {subscriber.longitude.toFixed(4)}</td>
                  <td className="next-pass">{subscriber.nextPass ? utcTime(subscriber.nextPass.rise) : "—"}</td>
                  <td>{subscriber.nextPass ? `${Math.round(subscriber.nextPass.durationSeconds / 60)} min` : "—"}</td>
                  <td>{subscriber.nextPass ? `${subscriber.nextPass.maxElevation}°` : "—"}</td>
                  <td><UnsubscribeButton phone={subscriber.phone} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-label="Sent SMS">
        <h2>Sent SMS {ctx.config.mode === "demo" && <span className="muted">(the fake Twilio&apos;s outbox)</span>}</h2>
        {messages instanceof Error ? (
          <p className="problem">Cannot list messages from Twilio: {messages.message}</p>
        ) : messages.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table className="messages">
            <thead>
              <tr><th>To</th><th>Message</th><th>Status</th><th>Sent</th></tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.sid} data-sid={message.sid}>
                  <td>{message.to}</td>
                  <td className="body">{message.body}</td>
                  <td><span className={`status ${message.status}`}>{message.status}</span></td>
                  <td>{message.dateCreated?.toISOString() ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
