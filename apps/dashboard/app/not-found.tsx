import Link from "next/link";

export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p>This page does not exist: the Redis instance, queue or list in its address is unknown.</p>
      <p>
        <Link href="/0">Back to the overview</Link>
      </p>
    </main>
  );
}
