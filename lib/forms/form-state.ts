import type { ErrorCode } from "@/lib/errors/app-error";

/** What a form's server action returns to the form: field errors and values to show again. */
export interface FormState {
  ok: boolean;
  code?: ErrorCode;
  message?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  /** An error's facts besides its message (AppError.details), e.g. which customer a duplicate repeats. */
  details?: Record<string, string>;
  /** Increments on each submit so the form re-mounts with the submitted values. */
  attempt?: number;
  /**
   * Where the form navigates after success. Server actions do not call redirect(): Next fetches a
   * redirect target itself with the server's own host, which host-based routing cannot serve.
   */
  redirectTo?: string;
}

export const initialFormState: FormState = { ok: false, fieldErrors: {}, values: {} };
