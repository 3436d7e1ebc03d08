/** POST /sms/inbound: Twilio's webhook for SMS sent to the app's number (see lib/inbound-sms.ts). */
import { appContext } from "../../../lib/app-context";
import { errorResponse } from "../../../lib/http";
import { handleInboundSms } from "../../../lib/inbound-sms";

export async function POST(request: Request): Promise<Response> {
  try {
    const ctx = await appContext();
    return await handleInboundSms(request, ctx, { authToken: ctx.config.authToken, publicUrl: ctx.config.publicUrl });
  } catch (error) {
    return errorResponse(error);
  }
}
