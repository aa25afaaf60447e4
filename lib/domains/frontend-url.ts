// The realm's `frontendUrl` for a tenant with custom domains. Pure.

/**
 * GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE (`template`) filled with the tenant's primary verified
 * custom domain, or null (clear the attribute) when it has none. Undefined when no template is
 * configured: the attribute is then left alone (the default, and the embedded server).
 */
export function realmFrontendUrl(hostname: string | null, template: string | undefined): string | null | undefined {
  if (!template) return undefined;
  return hostname ? template.replaceAll("{domain}", hostname).replace(/\/+$/, "") : null;
}
