import { CopySecret } from "@/components/ui/copy-secret";

/** What the one-time link is called, whom it is for and how long it works. */
export interface LinkWording {
  name: string;
  recipient: string;
  validity: string;
  testId: string;
}

/**
 * A one-time link just issued, as the form values of `deliveryFormValues` describe it: "Sent to
 * j***@example.com", or the link to pass on by hand with the reason it was not mailed.
 */
export function LinkDelivery({ values, urlField, wording }: { values: Record<string, string>; urlField: string; wording: LinkWording }) {
  const url = values[urlField];
  if (values.mailOutcome === "sent") {
    return (
      <p role="status" data-testid={`${wording.testId}-sent`} className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
        {wording.name} sent to {values.mailTo}. {wording.validity}
      </p>
    );
  }
  if (!url) return null;
  const reason =
    values.mailOutcome === "no_address"
      ? `Not mailed: ${wording.recipient} has no email address.`
      : values.mailOutcome === "failed"
        ? null
        : "Not mailed: email is not configured on this Gatehouse.";
  return (
    <div className="grid gap-2">
      {values.mailOutcome === "failed" ? (
        <p role="alert" data-testid={`${wording.testId}-mail-failed`} className="text-sm text-red-700">
          The email to {values.mailTo || wording.recipient} could not be sent ({values.mailError}). The link below still works; pass it on yourself.
        </p>
      ) : null}
      <CopySecret
        value={url}
        testId={wording.testId}
        notice={[`${wording.name} — shown only now.`, reason, `Give it to ${wording.recipient} yourself. ${wording.validity}`].filter(Boolean).join(" ")}
      />
    </div>
  );
}
