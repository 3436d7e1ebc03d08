"use client";
/** The header's page links, marking the current one (`aria-current`) from the browser's path. */
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ instance }: { instance: number }) {
  const pathname = usePathname();
  const links = [
    { href: `/${instance}`, label: "Overview", current: pathname === `/${instance}` || pathname.startsWith(`/${instance}/queues/`) },
    { href: `/${instance}/workers`, label: "Workers", current: pathname === `/${instance}/workers` },
  ];
  return (
    <nav aria-label="Dashboard">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={link.current ? "page" : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
