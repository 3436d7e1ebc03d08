import { redirect } from "next/navigation";

/** The first Redis instance's overview is the home page. */
export default function Home(): never {
  redirect("/0");
}
