/** POST /subscribe {phone, latitude, longitude}: stores the subscriber, schedules its passes → 201. */
import { appContext } from "../../lib/app-context";
import { errorResponse, json, readForm } from "../../lib/http";
import { parseSubscription } from "../../lib/subscription-input";
import { subscribe } from "../../lib/subscriptions";

export async function POST(request: Request): Promise<Response> {
  try {
    const form = await readForm(request);
    if (form instanceof Response) return form;
    const input = parseSubscription(form);
    const { subscriber, isNew } = await subscribe(await appContext(), input);
    return json(isNew ? 201 : 200, { phone: subscriber.phone, nextPass: subscriber.nextPass, jobId: subscriber.passJobId });
  } catch (error) {
    return errorResponse(error);
  }
}
