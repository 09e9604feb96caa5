// Types for tags.mjs, which the browser tests import too (the list itself lives there only).
export declare const TAGS: readonly string[];
