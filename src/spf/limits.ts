// The SPF limits, in one place: the evaluator, the domain gatherer and the domain check all use these.

/** RFC 7208 §4.6.4: DNS-querying terms (include, a, mx, ptr, exists, redirect). */
export const SPF_LOOKUP_LIMIT = 10;
/** RFC 7208 §4.6.4: lookups that return no records or NXDOMAIN. */
export const SPF_VOID_LIMIT = 2;
/** RFC 7208 §4.6.4: MX names looked at per mx term (more is a permerror). */
export const SPF_MX_LIMIT = 10;
/** RFC 7208 §4.6.4: PTR names looked at for ptr and %{p}. */
export const SPF_PTR_LIMIT = 10;
/** RFC 7208 §4.6.4: the whole evaluation's time limit (at least 20 s). */
export const SPF_TIME_LIMIT_MS = 20_000;
/** Past this a TXT answer with other records risks exceeding 512-byte UDP answers (RFC 7208 §3.4). */
export const SPF_MAX_BYTES = 450;
