/**
 * The frame of every page of one Redis instance: the header (pages, search by job id, the instance
 * switcher when several Redis URLs are configured, the live-update toggle) and the read-only banner.
 * It reads no Redis, so a Redis that is down still gets a header that lets you switch to another.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import { ActionFeedbackProvider } from "../../components/action-feedback";
import { LiveRefresh } from "../../components/live-refresh";
import { NavLinks } from "../../components/nav-links";
import { withBasePath } from "../../lib/base-path";
import { formatDate } from "../../lib/format";
import { pageContext } from "../../lib/page-context";

export default async function InstanceLayout({ children, params }: { children: ReactNode; params: Promise<{ instance: string }> }) {
  const { settings, instance } = await pageContext((await params).instance);
  return (
    <>
      <header className="top">
        <Link href={`/${instance.index}`} className="brand">
          rqts dashboard
        </Link>
        <NavLinks instance={instance.index} />
        {settings.redis.length > 1 && (
          <div className="instances" aria-label="Redis instances">
            Redis:
            {settings.redis.map((other) => (
              <Link key={other.index} href={`/${other.index}`} title={other.label} aria-current={other.index === instance.index ? "true" : undefined}>
                {other.label}
              </Link>
            ))}
          </div>
        )}
        <form className="search" method="get" action={withBasePath(`/${instance.index}/jobs`)} role="search">
          <input type="search" name="id" placeholder="Job id" aria-label="Find a job by id" maxLength={255} required />
          <button type="submit">Find</button>
        </form>
        <LiveRefresh intervalMs={settings.pollMs} />
      </header>
      {settings.readOnly && (
        <div className="banner" role="note">
          Read-only: {settings.readOnlyReason}.
        </div>
      )}
      <ActionFeedbackProvider>{children}</ActionFeedbackProvider>
      <footer className="read-at">
        Read from {instance.label} at {formatDate(new Date())}
      </footer>
    </>
  );
}
