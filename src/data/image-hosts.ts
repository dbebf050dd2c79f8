// Marketplace CDNs product photos are hot-linked from (`content.hotlinked-images`). A letter that shows
// its products with images from the marketplace's CDN, but did not come through the marketplace, looks
// like the mass B2B mail that copies listings.
//
// Sources: SpamAssassin's ALIBABA_IMG_NOT_RCVD_ALI (rulesrc/sandbox/jhardin/20_misc_testing.cf
// l.3302–3306, active, 1.0 point; wave2-facts.md §1.1): images on alicdn.com in mail not relayed by
// alibaba.com. The other two rows are ours (the image hosts of Made-in-China.com and DHgate listings).
// `relays`: Received hosts under which the images are the marketplace's own (no finding).

export interface ImageHost {
  id: string;
  name: string;
  /** Host suffixes (a host matches when it equals one or ends with `.` + one). */
  hosts: readonly string[];
  relays: readonly string[];
  source: string;
}

export const MARKETPLACE_IMAGE_HOSTS: readonly ImageHost[] = [
  { id: 'alibaba', name: 'Alibaba', hosts: ['alicdn.com'], relays: ['alibaba.com', 'aliyun.com', 'alibaba-inc.com'], source: 'SA ALIBABA_IMG_NOT_RCVD_ALI' },
  { id: 'made-in-china', name: 'Made-in-China.com', hosts: ['image.made-in-china.com'], relays: ['made-in-china.com'], source: 'ours' },
  { id: 'dhgate', name: 'DHgate', hosts: ['dhresource.com'], relays: ['dhgate.com'], source: 'ours' },
];

export function imageHostOf(host: string): ImageHost | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return MARKETPLACE_IMAGE_HOSTS.find((m) => m.hosts.some((s) => h === s || h.endsWith(`.${s}`)));
}
