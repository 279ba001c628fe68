/** Direct addresses are compared without regard to case (HISPs route them so), so the store keeps them lowercased. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}
