/** The words of the SMS the app sends, in one place. Times are UTC, as everything the app stores. */
import type { Pass } from "./passes";

/** "Sat 21 Nov 13:28 UTC". */
export function utcTime(date: Date): string {
  return `${date.toLocaleString("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC", hourCycle: "h23" }).replace(",", "")} UTC`;
}

export function welcomeText(pass: Pass | undefined): string {
  const next = pass ? ` The next pass over you rises ${utcTime(pass.rise)}, up to ${pass.maxElevation}° high for ${Math.round(pass.durationSeconds / 60)} min.` : "";
  return `Thanks for subscribing to ISS alerts!${next} We'll text you when it's overhead. Reply STOP to unsubscribe.`;
}

export function lookUpText(pass: Pass): string {
  return `Look up! The ISS is passing above you right now: for about ${Math.round(pass.durationSeconds / 60)} min, up to ${pass.maxElevation}° above the horizon. Reply STOP to unsubscribe.`;
}

export const STOPPED_TEXT = "You're unsubscribed from ISS alerts: no more texts. Subscribe again on the website any time.";
