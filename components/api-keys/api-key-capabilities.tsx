/** What a key can do, in words, from its scopes (a scope no longer known grants nothing, and says so). */
export function ApiKeyCapabilities({ scopes, descriptions }: { scopes: readonly string[]; descriptions: Readonly<Record<string, string>> }) {
  return (
    <details className="mt-1 text-xs" data-testid="api-key-capabilities">
      <summary className="cursor-pointer text-brand-700">What this key can do</summary>
      <ul className="mt-1 list-disc pl-4 text-slate-700">
        {scopes.map((scope) => (
          <li key={scope}>{descriptions[scope] ?? `${scope}: no longer a scope; grants nothing`}</li>
        ))}
      </ul>
    </details>
  );
}
