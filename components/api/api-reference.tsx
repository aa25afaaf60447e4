import type { ReactNode } from "react";
import type { ApiReferenceView, FieldView, OperationView, TypeView } from "@/lib/api/reference";

const METHOD_TONES: Record<OperationView["method"], string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

const anchor = (prefix: string, name: string) => `${prefix}-${name.replace(/[^A-Za-z0-9_-]+/g, "-")}`;

/** Text with `code` spans, one paragraph per blank-line-separated block. */
function Prose({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n{2,}/).map((block, i) => (
        <p key={i} className="text-sm text-slate-700">
          {block.split(/(`[^`]+`)/).map((part, j) =>
            part.startsWith("`") && part.endsWith("`") ? (
              <code key={j} className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">
                {part.slice(1, -1)}
              </code>
            ) : (
              part
            ),
          )}
        </p>
      ))}
    </>
  );
}

function TypeLabel({ type }: { type: TypeView }) {
  const label: ReactNode = type.ref ? (
    <a href={`#${anchor("schema", type.ref)}`} className="text-brand-700 underline">
      {type.label}
    </a>
  ) : (
    type.label
  );
  return (
    <span className="font-mono text-xs">
      {label}
      {type.constraints.length > 0 ? <span className="ml-2 font-sans text-slate-500">({type.constraints.join(", ")})</span> : null}
    </span>
  );
}

function Fields({ fields, depth = 0 }: { fields: FieldView[]; depth?: number }) {
  return (
    <>
      {fields.map((field) => (
        <FieldRows key={`${depth}-${field.name}`} field={field} depth={depth} />
      ))}
    </>
  );
}

function FieldRows({ field, depth }: { field: FieldView; depth: number }) {
  return (
    <>
      <tr className="align-top">
        <td className="py-1 pr-4 font-mono text-xs" style={{ paddingLeft: `${depth * 1.25}rem` }}>
          {field.name}
          {field.required ? (
            <span className="ml-1 text-red-600" title="required">
              *
            </span>
          ) : null}
        </td>
        <td className="py-1 pr-4">
          <TypeLabel type={field.type} />
        </td>
        <td className="py-1 text-sm text-slate-600">{field.description ? <Prose text={field.description} /> : null}</td>
      </tr>
      {field.type.fields && depth < 3 ? <Fields fields={field.type.fields} depth={depth + 1} /> : null}
    </>
  );
}

function FieldTable({ fields, caption }: { fields: FieldView[]; caption: string }) {
  return (
    <table className="w-full text-left">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-4 font-medium">
            Name
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            Type
          </th>
          <th scope="col" className="py-1 font-medium">
            Description
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        <Fields fields={fields} />
      </tbody>
    </table>
  );
}

function Operation({ op }: { op: OperationView }) {
  const groups = ["path", "query", "header", "cookie"].map((where) => ({ where, params: op.parameters.filter((p) => p.in === where) })).filter((g) => g.params.length > 0);
  return (
    <article
      id={anchor("op", op.id ?? `${op.method}-${op.path}`)}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5"
      data-operation={`${op.method.toUpperCase()} ${op.path}`}
    >
      <header className="grid gap-1">
        <div className="flex flex-wrap items-center gap-3">
          <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_TONES[op.method]}`}>{op.method}</span>
          <code className="font-mono text-sm">{op.path}</code>
        </div>
        <h3 className="text-base font-semibold">{op.summary}</h3>
      </header>
      <Prose text={op.description} />
      <p className="text-xs text-slate-500">{op.security.length > 0 ? `Credentials: ${op.security.join(" or ")}` : "No credentials needed."}</p>
      {groups.map((group) => (
        <section key={group.where} className="grid gap-1">
          <h4 className="text-sm font-medium">{group.where === "path" ? "Path parameters" : `${group.where[0]?.toUpperCase()}${group.where.slice(1)} parameters`}</h4>
          <FieldTable fields={group.params} caption={`${group.where} parameters`} />
        </section>
      ))}
      {op.body ? (
        <section className="grid gap-1">
          <h4 className="text-sm font-medium">Request body (application/json)</h4>
          <p>
            <TypeLabel type={op.body} />
          </p>
          {op.body.fields ? <FieldTable fields={op.body.fields} caption="request body" /> : null}
        </section>
      ) : null}
      <section className="grid gap-1">
        <h4 className="text-sm font-medium">Responses</h4>
        <table className="w-full text-left">
          <caption className="sr-only">responses</caption>
          <tbody className="divide-y divide-slate-100">
            {op.responses.map((r) => (
              <tr key={r.status} className="align-top">
                <td className="w-16 py-1 pr-4 font-mono text-xs font-semibold">{r.status}</td>
                <td className="py-1 pr-4 text-sm text-slate-700">
                  <Prose text={r.description} />
                </td>
                <td className="py-1">{r.type ? <TypeLabel type={r.type} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

/** The REST API's reference, rendered on the server from the OpenAPI document (no scripts). */
export function ApiReference({ view }: { view: ApiReferenceView }) {
  return (
    <div className="grid gap-8">
      <header className="grid gap-3">
        <h1 className="text-3xl font-semibold">
          {view.title} <span className="text-base font-normal text-slate-500">v{view.version}</span>
        </h1>
        <Prose text={view.description} />
        <p className="text-sm">
          Machine-readable:{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
        <dl className="grid gap-2 text-sm">
          {view.securitySchemes.map((s) => (
            <div key={s.name}>
              <dt className="font-mono text-xs font-semibold">{s.name}</dt>
              <dd className="text-slate-600">{s.description}</dd>
            </div>
          ))}
        </dl>
        <nav aria-label="Operations" className="grid gap-2 text-sm sm:grid-cols-2">
          {view.tags.map((tag) => (
            <div key={tag.name}>
              <a href={`#${anchor("tag", tag.name)}`} className="font-medium text-brand-700 underline">
                {tag.name}
              </a>
              <ul className="mt-1 grid gap-0.5">
                {tag.operations.map((op) => (
                  <li key={`${op.method} ${op.path}`}>
                    <a href={`#${anchor("op", op.id ?? `${op.method}-${op.path}`)}`} className="text-slate-700 hover:underline">
                      <span className="font-mono text-xs uppercase">{op.method}</span> {op.summary}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </header>
      {view.tags.map((tag) => (
        <section key={tag.name} id={anchor("tag", tag.name)} className="grid gap-4">
          <h2 className="text-2xl font-semibold">{tag.name}</h2>
          <Prose text={tag.description} />
          {tag.operations.map((op) => (
            <Operation key={`${op.method} ${op.path}`} op={op} />
          ))}
        </section>
      ))}
      <section className="grid gap-4">
        <h2 className="text-2xl font-semibold">Schemas</h2>
        {view.schemas.map((schema) => (
          <article key={schema.name} id={anchor("schema", schema.name)} className="grid gap-2 rounded-lg border border-slate-200 bg-white p-5">
            <h3 className="font-mono text-base font-semibold">{schema.name}</h3>
            <Prose text={schema.description} />
            {schema.type.fields ? <FieldTable fields={schema.type.fields} caption={schema.name} /> : <TypeLabel type={schema.type} />}
          </article>
        ))}
      </section>
    </div>
  );
}
