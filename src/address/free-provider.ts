import { freeProviderIndex, type FreeProvider } from '../data/free-providers.js';

/** The free (consumer) mailbox provider of a domain (lower-case ASCII), or undefined for any other domain. */
export function freeProvider(domain: string): FreeProvider | undefined {
  return freeProviderIndex().get(domain.trim().toLowerCase().replace(/\.$/, ''));
}
