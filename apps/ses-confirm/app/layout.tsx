import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "ses-confirm", description: "Confirmation emails through Amazon SES from an rqts worker" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
