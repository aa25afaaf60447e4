"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { TextAreaField, TextField, SelectField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { suggestTenantKey } from "@/lib/kernel/tenant-key";
import { CUSTOMER_KINDS, CUSTOMER_KIND_LABELS } from "@/lib/customers/schema";
import { INDIAN_STATES } from "@/lib/customers/indian-states";
import { DuplicateWarning } from "@/components/customers/duplicate-warning";
import { PAYMENT_STANDINGS, PAYMENT_STANDING_LABELS, VERIFICATION_STATUSES, VERIFICATION_STATUS_LABELS } from "@/lib/standing/values";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

/** India's states and union territories; a stored state from before the list stays selectable. */
function stateOptions(current: string | undefined) {
  const known = INDIAN_STATES.map((s) => ({ value: s.name, label: s.name }));
  const kept = current && !INDIAN_STATES.some((s) => s.name === current) ? [{ value: current, label: current }] : [];
  return [{ value: "", label: "Choose a state or union territory" }, ...kept, ...known];
}

/** Only a customer whose KYC/KYB is completed gets a dedicated tenant (the server refuses it otherwise). */
const DEDICATED_NEEDS = "completed";

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      {description ? <p className="text-sm text-slate-500 sm:col-span-2">{description}</p> : null}
      {children}
    </fieldset>
  );
}

/**
 * The customer onboarding record. `mode="create"` adds tenancy and the tenant to create; `edit`
 * changes the record only. Validation happens on the server; its messages appear next to fields.
 */
export function CustomerForm({ action, mode, initial, tenantHostSuffix }: { action: Action; mode: "create" | "edit"; initial: Record<string, string>; tenantHostSuffix: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const values = state.attempt ? state.values : initial;
  const errors = state.fieldErrors;
  const formRef = useRef<HTMLFormElement>(null);
  const router = useRouter();

  // Defaults the server accepts: pending verification on the shared cloud tenant.
  const [verification, setVerification] = useState(values.verificationStatus ?? "pending");
  const dedicatedAllowed = verification === DEDICATED_NEEDS;
  const [chosenTenancy, setTenancy] = useState(values.tenancy ?? "shared");
  const tenancy = dedicatedAllowed ? chosenTenancy : "shared";
  const [tenantKey, setTenantKey] = useState(values.tenantKey ?? "");
  const [keyEdited, setKeyEdited] = useState(Boolean(values.tenantKey));
  const [tenantName, setTenantName] = useState(values.tenantDisplayName ?? "");
  const [nameEdited, setNameEdited] = useState(Boolean(values.tenantDisplayName));

  // After a failed submit, move focus to the first field with an error.
  useEffect(() => {
    if (state.redirectTo) {
      router.push(state.redirectTo);
      return;
    }
    const first = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    first?.focus();
  }, [state, router]);

  const onDisplayName = (name: string) => {
    if (!keyEdited) setTenantKey(suggestTenantKey(name));
    if (!nameEdited) setTenantName(name);
  };

  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid gap-6">
      {state.code === "possible_duplicate" && state.details ? (
        <DuplicateWarning message={state.message ?? ""} customerId={state.details.customerId ?? ""} customerName={state.details.customerName ?? ""} pending={pending} />
      ) : state.message && !state.ok ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {state.message}
        </div>
      ) : null}
      {state.ok && state.message ? (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          {state.message}
        </div>
      ) : null}

      <Section title="Identity">
        <SelectField
          name="kind"
          label="Kind"
          defaultValue={values.kind ?? "business"}
          options={options(CUSTOMER_KINDS, CUSTOMER_KIND_LABELS)}
          error={errors.kind}
          hint="Individuals clear KYC, businesses KYB."
        />
        <div className="hidden sm:block" />
        <TextField name="legalName" label="Legal name" required defaultValue={values.legalName} error={errors.legalName} autoComplete="organization" />
        <TextField name="displayName" label="Display name" required defaultValue={values.displayName} error={errors.displayName} onChange={(e) => onDisplayName(e.target.value)} />
      </Section>

      <Section title="Fiscal identifiers" description="Letters are upper-cased; spaces are ignored.">
        <TextField name="pan" label="PAN" required defaultValue={values.pan} error={errors.pan} placeholder="AAPFU0939F" maxLength={12} className="uppercase" />
        <TextField name="tan" label="TAN" defaultValue={values.tan} error={errors.tan} placeholder="DELA12345B" maxLength={12} />
        <TextField
          name="gstin"
          label="GSTIN"
          defaultValue={values.gstin}
          error={errors.gstin}
          placeholder="27AAPFU0939F1ZV"
          maxLength={17}
          hint="Its PAN (characters 3–12) must be the PAN above."
        />
      </Section>

      <Section title="Address">
        <TextField name="addressLine1" label="Address line 1" required defaultValue={values.addressLine1} error={errors.addressLine1} autoComplete="address-line1" />
        <TextField name="addressLine2" label="Address line 2" defaultValue={values.addressLine2} error={errors.addressLine2} autoComplete="address-line2" />
        <TextField name="city" label="City" required defaultValue={values.city} error={errors.city} autoComplete="address-level2" />
        <SelectField
          name="state"
          label="State"
          required
          defaultValue={values.state ?? ""}
          options={stateOptions(values.state)}
          error={errors.state}
          autoComplete="address-level1"
          hint="A GSTIN's first two digits must be this state's GST code."
        />
        <TextField name="postalCode" label="PIN / postal code" required defaultValue={values.postalCode} error={errors.postalCode} autoComplete="postal-code" />
        <TextField name="country" label="Country (ISO code)" required defaultValue={values.country ?? "IN"} error={errors.country} maxLength={2} autoComplete="country" />
      </Section>

      <Section title="Contact">
        <TextField name="contactName" label="Contact name" required defaultValue={values.contactName} error={errors.contactName} autoComplete="name" />
        <TextField name="contactEmail" label="Contact email" type="email" required defaultValue={values.contactEmail} error={errors.contactEmail} autoComplete="email" />
        <TextField
          name="contactPhone"
          label="Contact phone"
          type="tel"
          required
          defaultValue={values.contactPhone}
          error={errors.contactPhone}
          autoComplete="tel"
          placeholder="+91 98765 43210"
        />
      </Section>

      {mode === "create" ? (
        <Section
          title="Verification and payment"
          description="The standing the customer starts with. A dedicated tenant needs completed verification; later changes are made on the customer page, with a note and history."
        >
          <SelectField
            name="verificationStatus"
            label="KYC / KYB status"
            value={verification}
            onChange={(e) => setVerification(e.target.value)}
            options={options(VERIFICATION_STATUSES, VERIFICATION_STATUS_LABELS)}
            error={errors.verificationStatus}
            hint="A dedicated tenant needs “Completed”."
          />
          <SelectField
            name="paymentStanding"
            label="Payment standing"
            defaultValue={values.paymentStanding ?? "current"}
            options={options(PAYMENT_STANDINGS, PAYMENT_STANDING_LABELS)}
            error={errors.paymentStanding}
          />
          <div className="sm:col-span-2">
            <TextAreaField
              name="verificationReferences"
              label="Verification artifact references"
              defaultValue={values.verificationReferences}
              error={errors.verificationReferences}
              hint="One reference per line, e.g. a document id in your KYC system."
            />
          </div>
        </Section>
      ) : null}

      {mode === "create" ? (
        <Section title="Tenancy" description="A dedicated customer gets its own tenant: identity realm, database and subdomain. A shared customer joins the shared cloud tenant.">
          <div className="flex flex-col gap-2 sm:col-span-2" role="radiogroup" aria-label="Tenancy" aria-describedby="tenancy-rule">
            {(["dedicated", "shared"] as const).map((value) => (
              <label key={value} className={`flex items-center gap-2 text-sm ${value === "dedicated" && !dedicatedAllowed ? "text-slate-500" : ""}`}>
                <input
                  type="radio"
                  name="tenancy"
                  value={value}
                  checked={tenancy === value}
                  disabled={value === "dedicated" && !dedicatedAllowed}
                  onChange={() => setTenancy(value)}
                />
                {value === "dedicated" ? "Dedicated tenant" : "Shared cloud tenant"}
              </label>
            ))}
            <p id="tenancy-rule" className="text-sm text-slate-600" data-testid="tenancy-rule">
              {dedicatedAllowed
                ? "Verification is completed: either tenancy is allowed."
                : "A dedicated tenant needs the KYC/KYB status “Completed”; until then the customer can only join the shared cloud tenant."}
            </p>
          </div>
          {tenancy === "dedicated" ? (
            <>
              <TextField
                name="tenantKey"
                label="Tenant key"
                required
                value={tenantKey}
                onChange={(e) => {
                  setKeyEdited(true);
                  setTenantKey(e.target.value.toLowerCase());
                }}
                error={errors.tenantKey}
                hint={`Subdomain and realm name: ${tenantKey || "key"}${tenantHostSuffix}. 3–40 lowercase letters, digits, hyphens.`}
                autoComplete="off"
                spellCheck={false}
              />
              <TextField
                name="tenantDisplayName"
                label="Tenant display name"
                required
                value={tenantName}
                onChange={(e) => {
                  setNameEdited(true);
                  setTenantName(e.target.value);
                }}
                error={errors.tenantDisplayName}
              />
              <details className="sm:col-span-2">
                <summary className="cursor-pointer text-sm text-slate-600">Dedicated database cluster (optional)</summary>
                <div className="mt-3">
                  <TextField
                    name="databaseUrl"
                    label="Cluster URL"
                    defaultValue={values.databaseUrl}
                    error={errors.databaseUrl}
                    placeholder="postgresql://user:password@db.internal:5432/postgres"
                    hint="Leave empty to use the platform's default cluster."
                    autoComplete="off"
                  />
                </div>
              </details>
            </>
          ) : null}
        </Section>
      ) : null}

      <div className="flex justify-end gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Onboard customer" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
