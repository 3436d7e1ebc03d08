import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Mars rover photos — rqts",
  description: "Fetch a rover's photos sol by sol: fan-out jobs with dependencies, retries, a rate limit and scheduling",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
