import { refuseUnsafeText } from "@/lib/input/text";
import { apiErrorResponse } from "@/lib/edge/responses";

/** Path parameters as Next passes them to a route handler. */
export type PathParams = Readonly<Record<string, string | undefined>>;
export interface RouteContext {
  params: Promise<PathParams>;
}
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/** Runs a REST route and answers every AppError as JSON `{ code, message, fields? }`. Path parameters are text like any input. */
export function restHandler(run: (request: Request, params: PathParams) => Promise<Response>): RouteHandler {
  return async (request, context) => {
    try {
      const params = await context.params;
      refuseUnsafeText(params, "_path");
      return await run(request, params);
    } catch (error) {
      return apiErrorResponse(error);
    }
  };
}
