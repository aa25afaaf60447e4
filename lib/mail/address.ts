/** `jane@example.com` → `j***@example.com`: enough for the admin to recognise, not to harvest. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address[0]}***${address.slice(at)}`;
}

/** The part after the @, which is all the logs keep of a recipient. */
export function recipientDomain(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? "(none)" : address.slice(at + 1).toLowerCase();
}
