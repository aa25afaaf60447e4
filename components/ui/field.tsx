import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FieldShellProps {
  name: string;
  /** The control's id, when a page has two forms with a field of the same name (default `field-<name>`). */
  fieldId?: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}

/** Label, control, hint and the field's error right below it, wired for screen readers. */
export function FieldShell({ name, fieldId, label, error, hint, required, children }: FieldShellProps) {
  const id = fieldId ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-1 text-sm font-medium text-slate-800">
        <label htmlFor={id}>{label}</label>
        {required ? (
          <span className="text-red-600" aria-hidden="true" title="required">
            *
          </span>
        ) : null}
      </div>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const control =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500 disabled:bg-slate-100";

type Common = { name: string; fieldId?: string; label: string; error?: string; hint?: ReactNode };

export function TextField({ name, fieldId, label, error, hint, required, className = "", ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell name={name} fieldId={fieldId} label={label} error={error} hint={hint} required={required}>
      {(aria) => <input name={name} required={required} className={`${control} ${className}`} {...aria} {...rest} />}
    </FieldShell>
  );
}

export function SelectField({
  name,
  fieldId,
  label,
  error,
  hint,
  required,
  options,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  return (
    <FieldShell name={name} fieldId={fieldId} label={label} error={error} hint={hint} required={required}>
      {(aria) => (
        <select name={name} required={required} className={control} {...aria} {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField({ name, fieldId, label, error, hint, required, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell name={name} fieldId={fieldId} label={label} error={error} hint={hint} required={required}>
      {(aria) => <textarea name={name} required={required} className={control} rows={3} {...aria} {...rest} />}
    </FieldShell>
  );
}
