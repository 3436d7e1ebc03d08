// tutorials/12-testing-without-the-internet/tasks.ts — a link checker: the kind of task that talks to the internet.
import { defineTask } from "@rqts/queue";

// redirect: "manual" so a moved page is reported as moved, not silently followed.
export const checkLink = defineTask("links.check", async (url: string) => {
  const response = await fetch(url, { redirect: "manual" });
  if (response.status >= 300 && response.status < 400) return `moved (${response.status}) to ${response.headers.get("location")}`;
  return response.ok ? `ok (${response.status})` : `broken (${response.status})`;
});
