export declare const SEARCH_TERMS: string[];
export declare const SIMILAR_DRAFTS: string[];
export declare const ASK_BODY: (i: number) => { title: string; body: string; category: string };
