import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Goodreads scraper — rqts",
  description: "Polite, idempotent scraping of book pages with rqts: allowed sites only, robots.txt, per-host rate limits, JSON and CSV exports",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
