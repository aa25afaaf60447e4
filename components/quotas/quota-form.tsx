"use client";

import { OverridesForm } from "@/components/ui/overrides-form";
import type { FormState } from "@/lib/forms/form-state";
import { QUOTA_LABELS, QUOTA_RESOURCES, type QuotaOverrides, type Quotas } from "@/lib/quotas/resources";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Per-tenant overrides of the platform's quota defaults; an empty field means the default. */
export function QuotaForm({ action, overrides, defaults }: { action: Action; overrides: QuotaOverrides; defaults: Quotas }) {
  const fields = QUOTA_RESOURCES.map((resource) => ({
    name: resource,
    label: `${QUOTA_LABELS[resource].title} quota`,
    override: overrides[resource],
    platform: defaults[resource],
  }));
  return <OverridesForm action={action} fields={fields} hint="Empty: the platform default." submitLabel="Save quotas" />;
}
