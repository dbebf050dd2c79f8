export const advice = {} satisfies Record<string, never>;
