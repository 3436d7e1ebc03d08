/** Search by job id (the header's box): a valid id goes to that job's page, which says if it does not exist. */
import { redirect } from "next/navigation";
import { InvalidRequest } from "../../../components/invalid-request";
import { InvalidInputError } from "../../../lib/errors";
import { pageContext } from "../../../lib/page-context";
import { parseSearchQuery, type QueryValue } from "../../../lib/params";

interface SearchPageProps {
  params: Promise<{ instance: string }>;
  searchParams: Promise<Record<string, QueryValue>>;
}

export default async function JobSearchPage({ params, searchParams }: SearchPageProps) {
  const { instance } = await pageContext((await params).instance);
  let id: string | undefined;
  try {
    id = parseSearchQuery((await searchParams).id);
  } catch (error) {
    if (error instanceof InvalidInputError) return <InvalidRequest message={error.message} />;
    throw error;
  }
  redirect(id === undefined ? `/${instance.index}` : `/${instance.index}/jobs/${encodeURIComponent(id)}`);
}
