/** POST /unsubscribe {phone}: removes the subscriber and cancels its scheduled job. */
import { appContext } from "../../lib/app-context";
import { errorResponse, json, readForm } from "../../lib/http";
import { parsePhone } from "../../lib/subscription-input";
import { unsubscribe } from "../../lib/subscriptions";

export async function POST(request: Request): Promise<Response> {
  try {
    const form = await readForm(request);
    if (form instanceof Response) return form;
    const phone = parsePhone(form.phone);
    const removed = await unsubscribe(await appContext(), phone);
    return json(removed ? 200 : 404, { phone, unsubscribed: removed, ...(removed ? {} : { message: `${phone} is not subscribed` }) });
  } catch (error) {
    return errorResponse(error);
  }
}
